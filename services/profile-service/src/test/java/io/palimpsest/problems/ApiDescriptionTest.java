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

    private JsonNode paths() {
        return description().get("paths");
    }

    private JsonNode description() {
        return ApiClient.anonymous(baseUrl()).get("/v3/api-docs").json();
    }
}
