package io.palimpsest.problems;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests Spring MVC refuses before any endpoint of ours runs are problems of our kind, in the API's words. */
class SpringRefusalsTest extends ServiceTest {

    @Test
    void aPathNoEndpointAnswersIsNamedAsSuch() {
        ApiClient.Answer answer = as("alice").post("/api/profiles/acme/claims", Map.of("text", "A claim."));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asText()).endsWith("/not-found");
        assertThat(answer.json().get("detail").asText())
                .isEqualTo("No endpoint POST /api/profiles/acme/claims; the API is described at /v3/api-docs");
        assertThat(answer.json().get("instance").asText()).isEqualTo("/api/profiles/acme/claims");
    }

    @Test
    void aMethodThePathDoesNotTakeIsAProblemOfOurTypeThatListsTheOnesItTakes() {
        ApiClient.Answer answer = as("alice").put("/api/profiles/acme/history", Map.of());

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("GET");
        assertThat(answer.json().get("type").asText()).isEqualTo("https://palimpsest.dev/problems/method-not-allowed");
    }

    @Test
    void aProfileAskedForInAFormatOtherThanJsonIsNotAcceptableRatherThanBadParameters() {
        ApiClient.Answer answer = as("alice").accepting("text/html").get("/api/profiles/acme");

        assertThat(answer.status()).isEqualTo(406);
        assertThat(answer.json().get("type").asText()).endsWith("/not-acceptable");
    }

    @Test
    void anUnreadableAcceptHeaderIsABadRequestProblemEvenBeforeSigningIn() {
        for (ApiClient client : new ApiClient[] {as("alice"), ApiClient.anonymous(baseUrl())}) {
            ApiClient.Answer answer = client.accepting("application/json;q=x").get("/api/profiles/acme");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("detail").asText()).startsWith("Unreadable Accept header");
            assertThat(answer.json().get("instance").asText()).isEqualTo("/api/profiles/acme");
        }
    }

    @Test
    void aBodyOfAnotherMediaTypeIsAProblemOfOurTypeThatSaysWhatToSend() {
        ApiClient.Answer answer = as("alice").postText("/api/profiles", "text/csv", "name\nAcme");

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.json().get("type").asText())
                .isEqualTo("https://palimpsest.dev/problems/unsupported-media-type");
        assertThat(answer.json().get("detail").asText())
                .startsWith("This endpoint does not read a body sent with Content-Type text/csv")
                .contains("; send it with Content-Type: application/json");
    }
}
