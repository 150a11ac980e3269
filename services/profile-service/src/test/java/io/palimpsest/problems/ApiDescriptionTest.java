package io.palimpsest.problems;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description says what a third-party client gets: the success status and the problems it may meet. */
class ApiDescriptionTest extends ServiceTest {

    @Test
    void creatingAnswers201AndAWriteMayMeetTheWritesProblems() {
        JsonNode addClaim = paths().at("/~1api~1profiles~1{profileId}~1sections~1{sectionId}~1claims/post/responses");

        assertThat(addClaim.has("201")).as(addClaim.toString()).isTrue();
        assertThat(addClaim.has("200")).isFalse();
        assertThat(addClaim.fieldNames()).toIterable().contains("400", "401", "403", "404", "409", "422", "429");
        assertThat(addClaim.at("/409/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void aReadMayMeetAReadModelBeingRebuiltButNoConflict() {
        JsonNode history = paths().at("/~1api~1profiles~1{profileId}~1history/get/responses");

        assertThat(history.fieldNames()).toIterable().contains("200", "404", "503").doesNotContain("409", "429");
        assertThat(description().at("/components/schemas/Problem/properties").has("detail")).isTrue();
    }

    @Test
    void theDescriptionIsTitledSaysHowToSignInAndSummarisesEveryOperation() {
        JsonNode description = description();

        assertThat(description.at("/info/title").asText()).isEqualTo("Palimpsest");
        assertThat(description.at("/components/securitySchemes/signIn/scheme").asText()).isEqualTo("basic");
        assertThat(description.at("/security/0").has("signIn")).isTrue();
        assertThat(description.at("/paths/~1api~1profiles~1{profileId}~1claims~1{claimId}/put/summary").asText())
                .isEqualTo("Revise claim");
        description.get("paths").forEach(item -> item.forEach(operation ->
                assertThat(operation.path("summary").asText()).as(operation.toString()).isNotBlank()));
    }

    @Test
    void theStompEndpointIsDescribed() {
        JsonNode ws = paths().at("/~1ws/get");

        assertThat(ws.get("summary").asText()).contains("STOMP");
        assertThat(ws.get("description").asText()).contains("/topic/profiles/{id}", "since-revision");
    }

    private JsonNode paths() {
        return description().get("paths");
    }

    private JsonNode description() {
        return ApiClient.anonymous(baseUrl()).get("/v3/api-docs").json();
    }
}
