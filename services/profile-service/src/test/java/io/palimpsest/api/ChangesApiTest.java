package io.palimpsest.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.model.api.EditCall;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/profiles/{id}/changes}: several edits, each as its REST call, as one revision or none. */
class ChangesApiTest extends ServiceTest {

    private String profile;

    @BeforeEach
    void createProfile() {
        profile = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", profile, "name", "Batch Org")).status()).isEqualTo(201);
    }

    private static EditCall change(String method, String path, Map<String, Object> body) {
        return new EditCall(method, path, body);
    }

    private ApiClient.Answer changes(ApiClient editor, Map<String, Object> batch) {
        return editor.post("/api/profiles/" + profile + "/changes", batch);
    }

    private JsonNode view(long minRevision) {
        return alice().get("/api/profiles/" + profile + "?minRevision=" + minRevision).json();
    }

    @Test
    void appliesEveryChangeAsOneRevisionWithOneSummary() {
        ApiClient.Answer answer = changes(alice(), Map.of("summary", "set up", "commandId", "setup-1", "changes",
                List.of(change("PUT", "facts/HQ", Map.of("value", "London")),
                        change("POST", "sections", Map.of("title", "Key people")),
                        change("POST", "sections/key-people/claims", Map.of("kind", "BULLET", "text", "Ada leads.")))));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("revision").asLong()).isEqualTo(2);
        assertThat(answer.json().get("createdIds").toString()).isEqualTo("[\"key-people\",\"c1\"]");
        JsonNode view = view(2);
        assertThat(view.get("revision").asLong()).isEqualTo(2);
        assertThat(view.toString()).contains("London").contains("Key people").contains("Ada leads.");
        JsonNode history = alice().get("/api/profiles/" + profile + "/history?minRevision=2").json();
        assertThat(history.toString()).contains("set up");
    }

    @Test
    void aConflictingChangeRefusesAllOfThemNamingItsIndexAndNothingIsStored() {
        assertThat(changes(alice(), Map.of("changes", List.of(
                change("POST", "sections", Map.of("id", "s", "title", "S")),
                change("POST", "sections/s/claims", Map.of("kind", "PARAGRAPH",
                        "text", "The quick brown fox jumps over the lazy dog."))))).status()).isEqualTo(200);
        assertThat(bob().put("/api/profiles/" + profile + "/claims/c1", Map.of("baseRevision", 2,
                "text", "The quick brown cat jumps over the lazy dog.")).status()).isEqualTo(200);

        ApiClient.Answer refused = changes(alice(), Map.of("baseRevision", 2, "changes", List.of(
                change("PUT", "facts/HQ", Map.of("value", "Paris")),
                change("PUT", "claims/c1", Map.of("text", "The quick brown wolf jumps over the lazy dog.")))));

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("change").asInt()).isEqualTo(1);
        assertThat(refused.json().get("detail").asText()).startsWith("Change 1: Claim 'c1' was changed by bob");
        assertThat(refused.json().get("currentText").asText()).isEqualTo("The quick brown cat jumps over the lazy dog.");
        assertThat(refused.json().get("changedBy").asText()).isEqualTo("bob");
        ApiClient.Answer next = alice().put("/api/profiles/" + profile + "/facts/Next", Map.of("value", "1"));
        assertThat(next.json().get("revision").asLong()).as("the refused batch made no revision").isEqualTo(4);
        assertThat(view(4).toString()).doesNotContain("Paris");
    }

    @Test
    void aChangeWithoutABaseOfItsOwnIsBasedOnTheBatchsAndMerges() {
        changes(alice(), Map.of("changes", List.of(change("POST", "sections", Map.of("id", "s", "title", "S")),
                change("POST", "sections/s/claims", Map.of("kind", "PARAGRAPH",
                        "text", "The quick brown fox jumps over the lazy dog.")))));
        bob().put("/api/profiles/" + profile + "/claims/c1", Map.of("baseRevision", 2,
                "text", "The quick brown fox jumps over the sleepy dog."));

        ApiClient.Answer merged = changes(alice(), Map.of("baseRevision", 2, "changes", List.of(
                change("PUT", "claims/c1", Map.of("text", "The slow brown fox jumps over the lazy dog.")))));

        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(view(4).toString()).contains("The slow brown fox jumps over the sleepy dog.");
    }

    @Test
    void aRetriedBatchIsAnsweredAsTheFirstTime() {
        Map<String, Object> batch = Map.of("commandId", "twice", "changes",
                List.of(change("POST", "sources", Map.of("title", "Report", "url", "https://example.org/r"))));
        JsonNode first = changes(alice(), batch).json();
        JsonNode second = changes(alice(), batch).json();
        assertThat(second).isEqualTo(first);
        assertThat(view(2).get("revision").asLong()).isEqualTo(2);
    }

    @Test
    void badBatchesAreRefusedWith400AndChangeNothing() {
        assertBadRequest(Map.of("changes", List.of()), "'changes' must list at least one change");
        assertBadRequest(Map.of("changes", List.of(change("PATCH", "facts/HQ", Map.of("value", "x")))),
                "Change 0: No edit PATCH 'facts/HQ'");
        assertBadRequest(Map.of("changes", List.of(change("PUT", "facts/HQ", Map.of("value", "x", "commandId", "c")))),
                "Change 0: a change has no 'commandId' of its own");
        assertBadRequest(Map.of("changes", List.of(change("PUT", "facts/A", Map.of("value", "x")),
                change("PUT", "facts/B", Map.of("valu", "x")))), "'/changes/1/body/valu' is not a field");
        assertBadRequest(Map.of("changes", List.of(change("POST", "changes", Map.of("changes",
                List.of(change("PUT", "facts/A", Map.of("value", "x"))))))), "Change 0: a change cannot be a batch");
        assertBadRequest(Map.of("changes", List.of(change("PUT", "claims/c1", Map.of("text", "x")))),
                "Change 0: 'baseRevision' is required");
        assertBadRequest(Map.of("changes", List.of(change("PUT", "facts/HQ", Map.of("value", "bell\u0007")))),
                "'/changes/0/body/value' contains the control character U+0007");
        assertThat(view(1).get("revision").asLong()).isEqualTo(1);
    }

    private void assertBadRequest(Map<String, Object> batch, String detail) {
        ApiClient.Answer answer = changes(alice(), batch);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("detail").asText()).startsWith(detail);
    }
}
