package io.palimpsest.security;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A write whose Accept header admits no JSON is refused before it is made, not made and then refused. */
class WritesAnswerJsonTest extends ServiceTest {

    @Test
    void aWriteThatAcceptsNoJsonIsRefusedWith406AndMakesNothing() {
        String profile = "unanswerable-" + UUID.randomUUID().toString().substring(0, 8);

        ApiClient.Answer refused = alice().accepting("application/xml")
                .post("/api/profiles", Map.of("id", profile, "name", "Unanswerable"));

        assertThat(refused.status()).isEqualTo(406);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(alice().get("/api/profiles/" + profile).status()).isEqualTo(404);
    }

    @Test
    void aWriteThatAcceptsAnyTypeOrJsonAmongOthersIsMade() {
        String first = "answerable-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "answerable-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(alice().accepting("*/*").post("/api/profiles", Map.of("id", first, "name", "One"))
                .status()).isEqualTo(201);
        assertThat(alice().accepting("text/html, application/json;q=0.9")
                .post("/api/profiles", Map.of("id", second, "name", "Two")).status()).isEqualTo(201);
    }
}
