package io.palimpsest.security;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A body is read as written: wrong types and unknown fields are refused with a problem naming the field. */
class StrictRequestBodiesTest extends ServiceTest {

    private String profile;

    @BeforeEach
    void createProfileWithAClaim() {
        profile = "strict-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", profile, "name", "Strict")).status()).isEqualTo(201);
        assertThat(alice().post("/api/profiles/" + profile + "/sections", Map.of("title", "What They Do")).status())
                .isEqualTo(201);
        assertThat(alice().post("/api/profiles/" + profile + "/sections/what-they-do/claims",
                Map.of("id", "c1", "kind", "PARAGRAPH", "text", "Original.")).status()).isEqualTo(201);
    }

    @Test
    void aNumberWhereTextBelongsIsRefusedNotTurnedIntoText() {
        ApiClient.Answer answer = revise(Map.of("text", 5, "baseRevision", 3));

        assertRefused(answer, "'/text' cannot be 5: expected a string");
    }

    @Test
    void aRevisionWrittenAsTextIsRefusedNotParsed() {
        ApiClient.Answer answer = revise(Map.of("text", "New.", "baseRevision", "3"));

        assertRefused(answer, "'/baseRevision' has the wrong type: expected a whole number");
    }

    @Test
    void aFieldNoRequestHasIsRefusedAndNamed() {
        ApiClient.Answer answer = revise(Map.of("text", "New.", "baseRevision", 3, "colour", "red"));

        assertRefused(answer, "'/colour' is not a field of this request");
        assertThat(answer.json().get("detail").asText()).contains("text", "baseRevision", "summary", "commandId");
    }

    @Test
    void anEditorFieldIsRefusedWithTheReasonThatAuthorshipComesFromSignIn() {
        ApiClient.Answer answer = revise(Map.of("text", "New.", "baseRevision", 3, "editor", "bob"));

        assertRefused(answer, "'/editor' is not a field of this request: an edit's author is always the signed-in user");
    }

    @Test
    void aWellFormedBodyStillEdits() {
        assertThat(revise(Map.of("text", "New.", "baseRevision", 3, "summary", "fine")).status()).isEqualTo(200);
    }

    private ApiClient.Answer revise(Map<String, Object> body) {
        return alice().put("/api/profiles/" + profile + "/claims/c1", body);
    }

    private void assertRefused(ApiClient.Answer answer, String detail) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asText()).startsWith(detail);
        assertThat(alice().get("/api/profiles/" + profile + "?minRevision=3").json().at("/sections/0/claims/0/text")
                .asText()).isEqualTo("Original.");
    }
}
