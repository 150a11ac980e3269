package io.palimpsest.security;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A 401 tells refused credentials from none, and a 403 names the role needed and the caller's own. */
class RefusalsSayWhyTest extends ServiceTest {

    @Test
    void aWrongPasswordIsRefusedAsSuchNotAsMissingCredentials() {
        ApiClient.Answer wrong = ApiClient.as(baseUrl(), "bob", "not-bobs-password").get("/api/profiles");
        ApiClient.Answer none = ApiClient.anonymous(baseUrl()).get("/api/profiles");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("detail").asText()).isEqualTo("The user name or password was refused");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("detail").asText()).isEqualTo("Authentication required: sign in");
    }

    @Test
    void aForbiddenCallNamesTheRoleItNeedsAndTheCallersRole() {
        ApiClient.Answer readerWrites = as("rita").post("/api/profiles", Map.of("name", "Nope"));
        ApiClient.Answer editorAdministers = alice().post("/api/admin/replay", Map.of());

        assertThat(readerWrites.status()).isEqualTo(403);
        assertThat(readerWrites.json().get("detail").asText())
                .isEqualTo("This needs the role EDITOR; you are signed in as READER");
        assertThat(editorAdministers.status()).isEqualTo(403);
        assertThat(editorAdministers.json().get("detail").asText())
                .isEqualTo("This needs the role ADMIN; you are signed in as EDITOR");
    }
}
