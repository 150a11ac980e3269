package io.palimpsest.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Reverting a claim or a whole profile appends new revisions that bring the old content back. */
class RevertApiTest extends ServiceTest {

    private String profile() {
        String id = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", id, "name", "Acme")).status()).isEqualTo(201);
        assertThat(alice().post("/api/profiles/" + id + "/sections", Map.of("title", "What They Do")).status())
                .isEqualTo(201);
        assertThat(alice().post("/api/profiles/" + id + "/sections/what-they-do/claims",
                Map.of("kind", "PARAGRAPH", "text", "The original text.")).status()).isEqualTo(201);   // 3, c1
        return "/api/profiles/" + id;
    }

    @Test
    void revertingAClaimBringsBackItsTextAsARevertRevision() {
        String p = profile();
        assertThat(bob().put(p + "/claims/c1", Map.of("text", "Vandalised.", "baseRevision", 3)).status()).isEqualTo(200);
        assertThat(bob().put(p + "/facts/HQ", Map.of("value", "Paris")).status()).isEqualTo(200);      // 5
        ApiClient.Answer reverted = alice().post(p + "/revert", Map.of("toRevision", 3, "claimId", "c1"));
        assertThat(reverted.status()).as(reverted.body()).isEqualTo(200);
        long revision = reverted.json().get("revision").asLong();
        JsonNode view = alice().get(p + "?minRevision=" + revision).json();
        assertThat(view.at("/sections/0/claims/0/text").asText()).isEqualTo("The original text.");
        assertThat(view.at("/facts/0/value").asText()).isEqualTo("Paris");
        JsonNode step = awaitStep(p, revision);
        assertThat(step.at("/edit/editor").asText()).isEqualTo("alice");
        assertThat(step.at("/edit/events/0").asText()).isEqualTo("ClaimRevised:REVERT");
    }

    @Test
    void revertingTheProfileBringsEverythingBackInOneRevision() {
        String p = profile();
        JsonNode before = alice().get(p + "?minRevision=3").json();
        assertThat(bob().put(p + "/claims/c1", Map.of("text", "Changed.", "baseRevision", 3)).status()).isEqualTo(200);
        assertThat(bob().put(p + "/facts/HQ", Map.of("value", "Paris")).status()).isEqualTo(200);
        assertThat(bob().post(p + "/sections", Map.of("title", "Funding")).status()).isEqualTo(201);    // 6
        ApiClient.Answer reverted = alice().post(p + "/revert", Map.of("toRevision", 3, "summary", "undo bob"));
        assertThat(reverted.status()).as(reverted.body()).isEqualTo(200);
        assertThat(reverted.json().get("revision").asLong()).isEqualTo(7);
        JsonNode after = alice().get(p + "?minRevision=7").json();
        assertThat(after.get("facts")).isEqualTo(before.get("facts"));
        assertThat(after.get("sections").size()).isEqualTo(1);
        assertThat(after.at("/sections/0/claims/0/text").asText()).isEqualTo("The original text.");
        assertThat(alice().get(p + "?at=6").json().get("sections").size()).isEqualTo(2);
        assertThat(awaitStep(p, 7).at("/edit/summary").asText()).isEqualTo("undo bob");
    }

    @Test
    void aRevertToARevisionThatDoesNotExistIsRefused() {
        String p = profile();
        assertThat(alice().post(p + "/revert", Map.of("toRevision", 3)).status()).isEqualTo(422);
        assertThat(alice().post(p + "/revert", Map.of()).status()).isEqualTo(400);
    }

    private JsonNode awaitStep(String p, long revision) {
        for (int attempt = 0; attempt < 500; attempt++) {
            JsonNode step = alice().get(p + "/revisions/" + revision).json();
            if (!step.path("edit").isNull() && !step.path("edit").isMissingNode()) {
                return step;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("No history entry for revision " + revision);
    }
}
