package io.palimpsest.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Editing through HTTP, as concurrent editors do it, against the embedded store. */
class EditingApiTest extends ServiceTest {

    @Autowired
    Cache profileCache;

    private String profile;
    private String claimA;
    private String claimB;

    @BeforeEach
    void createProfileWithTwoClaims() {
        profile = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", profile, "name", "Acme")).status()).isEqualTo(201);
        assertThat(alice().post("/api/profiles/" + profile + "/sections", Map.of("title", "What They Do"))
                .status()).isEqualTo(201);
        claimA = addClaim("The quick brown fox jumps over the lazy dog.");
        claimB = addClaim("Second claim text.");
    }

    private String addClaim(String text) {
        ApiClient.Answer answer = alice().post("/api/profiles/" + profile + "/sections/what-they-do/claims",
                Map.of("kind", "PARAGRAPH", "text", text));
        assertThat(answer.status()).isEqualTo(201);
        return answer.json().get("createdId").asText();
    }

    private long currentRevision() {
        return alice().get("/api/profiles/" + profile + "?minRevision=4").json().get("revision").asLong();
    }

    private ApiClient.Answer revise(ApiClient editor, String claim, String text, long base, String commandId) {
        Map<String, Object> body = new HashMap<>(Map.of("text", text, "baseRevision", base, "summary", "edit"));
        if (commandId != null) {
            body.put("commandId", commandId);
        }
        return editor.put("/api/profiles/" + profile + "/claims/" + claim, body);
    }

    private JsonNode claim(String claimId, long minRevision) {
        JsonNode view = alice().get("/api/profiles/" + profile + "?minRevision=" + minRevision).json();
        for (JsonNode claim : view.at("/sections/0/claims")) {
            if (claim.get("id").asText().equals(claimId)) {
                return claim;
            }
        }
        throw new AssertionError("No claim " + claimId + " in " + view);
    }

    @Test
    void aRevisedIdentityIsShownOnTheProfileAndInTheListAndAStaleOneIsRefused() {
        ApiClient.Answer revised = bob().put("/api/profiles/" + profile + "/identity", Map.of("name", "Acme Research",
                "shortName", "AR", "category", "Research lab", "tagline", "Careful.", "baseRevision", 4));
        assertThat(revised.status()).as(revised.body()).isEqualTo(200);
        long revision = revised.json().get("revision").asLong();
        JsonNode identity = alice().get("/api/profiles/" + profile + "?minRevision=" + revision).json().get("identity");
        assertThat(identity.get("name").asText()).isEqualTo("Acme Research");
        assertThat(identity.get("tagline").asText()).isEqualTo("Careful.");
        assertThat(alice().get("/api/profiles").body()).contains("\"name\":\"Acme Research\"");

        ApiClient.Answer stale = alice().put("/api/profiles/" + profile + "/identity",
                Map.of("name", "Acme Inc", "baseRevision", 4));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("changedBy").asText()).isEqualTo("bob");
        ApiClient.Answer nameless = alice().put("/api/profiles/" + profile + "/identity",
                Map.of("tagline", "No name", "baseRevision", revision));
        assertThat(nameless.status()).isEqualTo(422);
        assertThat(alice().get("/api/profiles/" + profile).json().at("/identity/name").asText()).isEqualTo("Acme Research");
    }

    @Test
    void aRetractedClaimIsListedWithItsPlaceUntilItIsRestored() {
        ApiClient.Answer retracted = bob().delete("/api/profiles/" + profile + "/claims/" + claimA);
        assertThat(retracted.status()).isEqualTo(200);
        long revision = retracted.json().get("revision").asLong();

        JsonNode list = alice().get("/api/profiles/" + profile + "/retracted-claims?minRevision=" + revision).json();
        assertThat(list).hasSize(1);
        assertThat(list.at("/0/claim/id").asText()).isEqualTo(claimA);
        assertThat(list.at("/0/claim/text").asText()).isEqualTo("The quick brown fox jumps over the lazy dog.");
        assertThat(list.at("/0/sectionId").asText()).isEqualTo("what-they-do");
        assertThat(list.at("/0/position").asInt()).isZero();
        assertThat(list.at("/0/retractedRevision").asLong()).isEqualTo(revision);
        assertThat(list.at("/0/retractedBy").asText()).isEqualTo("bob");

        ApiClient.Answer restored = alice().post("/api/profiles/" + profile + "/claims/" + claimA + "/restore",
                Map.of("baseRevision", revision));
        assertThat(restored.status()).isEqualTo(200);
        assertThat(alice().get("/api/profiles/" + profile + "/retracted-claims?minRevision="
                + restored.json().get("revision").asLong()).json()).isEmpty();
        assertThat(claim(claimA, restored.json().get("revision").asLong()).get("text").asText())
                .isEqualTo("The quick brown fox jumps over the lazy dog.");
    }

    @Test
    void twoEditorsRevisingDifferentClaimsFromTheSameBaseBothSucceed() {
        long base = currentRevision();
        ApiClient.Answer first = revise(alice(), claimA, "Alice's text.", base, null);
        ApiClient.Answer second = revise(bob(), claimB, "Bob's text.", base, null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        long last = second.json().get("revision").asLong();
        assertThat(last).isEqualTo(base + 2);
        assertThat(claim(claimA, last).get("text").asText()).isEqualTo("Alice's text.");
        assertThat(claim(claimB, last).get("text").asText()).isEqualTo("Bob's text.");
    }

    @Test
    void overlappingEditsToOneClaimAnswerConflictWithTheCurrentText() {
        long base = currentRevision();
        assertThat(revise(alice(), claimA, "The quick brown cat jumps over the lazy dog.", base, null).status())
                .isEqualTo(200);
        ApiClient.Answer conflict = revise(bob(), claimA, "The quick brown wolf jumps over the lazy dog.", base, null);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        JsonNode problem = conflict.json();
        assertThat(problem.get("currentText").asText()).isEqualTo("The quick brown cat jumps over the lazy dog.");
        assertThat(problem.get("currentRevision").asLong()).isEqualTo(base + 1);
        assertThat(problem.get("changedBy").asText()).isEqualTo("alice");
        assertThat(claim(claimA, base + 1).get("text").asText()).isEqualTo("The quick brown cat jumps over the lazy dog.");
    }

    @Test
    void aRefusedEditLeavesTheProfileInTheCacheAndChangesNothing() {
        long base = currentRevision();
        assertThat(revise(alice(), claimA, "The quick brown cat jumps over the lazy dog.", base, null).status())
                .isEqualTo(200);
        assertThat(profileCache.containsKey(profile)).isTrue();

        assertThat(revise(bob(), claimA, "The quick brown wolf jumps over the lazy dog.", base, null).status())
                .isEqualTo(409);

        assertThat(profileCache.containsKey(profile)).as("a refusal does not evict the profile").isTrue();
        ApiClient.Answer next = revise(bob(), claimA, "The quick brown owl jumps over the lazy dog.", base + 1, null);
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.json().get("revision").asLong()).isEqualTo(base + 2);
        assertThat(claim(claimA, base + 2).get("text").asText()).isEqualTo("The quick brown owl jumps over the lazy dog.");
    }

    @Test
    void nonOverlappingEditsToOneClaimMerge() {
        long base = currentRevision();
        assertThat(revise(alice(), claimA, "The slow brown fox jumps over the lazy dog.", base, null).status())
                .isEqualTo(200);
        ApiClient.Answer merged = revise(bob(), claimA, "The quick brown fox jumps over the sleepy dog.", base, null);
        assertThat(merged.status()).isEqualTo(200);
        JsonNode claim = claim(claimA, merged.json().get("revision").asLong());
        assertThat(claim.get("text").asText()).isEqualTo("The slow brown fox jumps over the sleepy dog.");
        assertThat(claim.get("revision").asLong()).isEqualTo(base + 2);
    }

    @Test
    void aRetriedCommandGivesTheFirstResultAndNoNewRevision() {
        long base = currentRevision();
        ApiClient.Answer first = revise(alice(), claimA, "Once.", base, "retry-1");
        ApiClient.Answer retry = revise(alice(), claimA, "Once.", base, "retry-1");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("revision").asLong()).isEqualTo(first.json().get("revision").asLong());
        ApiClient.Answer next = revise(bob(), claimB, "Next.", base, null);
        assertThat(next.json().get("revision").asLong()).as("the retry made no revision").isEqualTo(base + 2);
    }

    @Test
    void aBodyNamingAnEditorIsRefusedAndTheEditorIsAlwaysThePrincipal() {
        long base = currentRevision();
        ApiClient.Answer refused = alice().put("/api/profiles/" + profile + "/claims/" + claimA,
                Map.of("text", "Signed.", "baseRevision", base, "editor", "mallory"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(currentRevision()).isEqualTo(base);
        assertThat(alice().put("/api/profiles/" + profile + "/claims/" + claimA,
                Map.of("text", "Signed.", "baseRevision", base)).status()).isEqualTo(200);
        ApiClient.Answer conflict = revise(bob(), claimA, "Other.", base, null);
        assertThat(conflict.json().get("changedBy").asText()).isEqualTo("alice");
    }

    @Test
    void aReaderMayReadButNotEdit() {
        assertThat(as("rita").get("/api/profiles/" + profile).status()).isEqualTo(200);
        ApiClient.Answer refused = revise(as("rita"), claimA, "Nope.", currentRevision(), null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anonymousCallsAreRefused() {
        ApiClient.Answer refused = ApiClient.anonymous(baseUrl()).get("/api/profiles/" + profile);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void badInputGetsAProblemAndChangesNothing() {
        long base = currentRevision();
        assertThat(alice().put("/api/profiles/" + profile + "/claims/" + claimA, "{not json").status())
                .isEqualTo(400);
        assertThat(alice().put("/api/profiles/" + profile + "/claims/" + claimA, Map.of("text", "No base"))
                .status()).isEqualTo(400);
        assertThat(revise(alice(), "no-such-claim", "x", base, null).status()).isEqualTo(404);
        assertThat(revise(alice(), claimA, "x", base + 50, null).status()).isEqualTo(422);
        ApiClient.Answer unknownProfile = alice().put("/api/profiles/nobody-here/claims/" + claimA,
                Map.of("text", "x", "baseRevision", 1));
        assertThat(unknownProfile.status()).isEqualTo(404);
        assertThat(unknownProfile.contentType()).startsWith("application/problem+json");
        assertThat(alice().post("/api/profiles/" + profile + "/sources",
                Map.of("title", "Bad", "url", "javascript:alert(1)")).status()).isEqualTo(400);
        ApiClient.Answer next = revise(alice(), claimA, "Valid.", base, null);
        assertThat(next.json().get("revision").asLong()).as("no refused request made a revision").isEqualTo(base + 1);
    }

    @Test
    void aRevisionThatIsNotAWholeNumberOfRangeIsRefusedNotRounded() {
        long base = currentRevision();
        String path = "/api/profiles/" + profile + "/claims/" + claimA;

        ApiClient.Answer fraction = alice().put(path, "{\"text\": \"x\", \"baseRevision\": " + base + ".5}");
        ApiClient.Answer huge = alice().put(path, "{\"text\": \"x\", \"baseRevision\": 99999999999999999999}");

        assertThat(fraction.status()).isEqualTo(400);
        assertThat(fraction.json().get("detail").asText()).startsWith("'/baseRevision'").endsWith("a whole number");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.json().get("detail").asText()).startsWith("'/baseRevision' is out of range");
        assertThat(currentRevision()).isEqualTo(base);
    }
}
