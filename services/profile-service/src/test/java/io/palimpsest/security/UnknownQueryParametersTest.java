package io.palimpsest.security;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A query parameter an endpoint does not take is refused, not silently ignored. */
class UnknownQueryParametersTest extends ServiceTest {

    private String profile;

    @BeforeEach
    void createProfile() {
        profile = "params-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", profile, "name", "Params")).status()).isEqualTo(201);
    }

    @Test
    void anExportAsOfARevisionIsRefusedRatherThanAnsweredWithTheCurrentProfile() {
        ApiClient.Answer answer = alice().get("/api/profiles/" + profile + "/export?format=json&at=1");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("detail").asText())
                .isEqualTo("'at' is not a parameter of GET /api/profiles/" + profile + "/export; it takes format, minRevision");
    }

    @Test
    void aBlameFilteredByClaimIsRefusedAndTheClaimsOwnBlameAnswers() {
        assertThat(alice().post("/api/profiles/" + profile + "/sections", Map.of("title", "Work")).status())
                .isEqualTo(201);
        assertThat(alice().post("/api/profiles/" + profile + "/sections/work/claims",
                Map.of("id", "c1", "kind", "BULLET", "text", "Claim.")).status()).isEqualTo(201);

        ApiClient.Answer filtered = alice().get("/api/profiles/" + profile + "/blame?claim=c1");
        ApiClient.Answer own = alice().get("/api/profiles/" + profile + "/claims/c1/blame");

        assertThat(filtered.status()).isEqualTo(400);
        assertThat(filtered.json().get("detail").asText()).contains("'claim' is not a parameter", "minRevision");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("claimId").asText()).isEqualTo("c1");
        assertThat(own.json().get("createdBy").asText()).isEqualTo("alice");
        assertThat(own.json().get("revisions").asInt()).isEqualTo(1);
    }

    @Test
    void theBlameOfAClaimTheProfileNeverHadIsNotFound() {
        assertThat(alice().get("/api/profiles/" + profile + "/claims/c9/blame?minRevision=1").status()).isEqualTo(404);
    }

    @Test
    void parametersAnEndpointTakesStillWork() {
        assertThat(alice().get("/api/profiles/" + profile + "/history?editor=alice&size=5").status()).isEqualTo(200);
    }
}
