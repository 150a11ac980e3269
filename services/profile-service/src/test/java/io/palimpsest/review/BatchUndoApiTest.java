package io.palimpsest.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch undo over HTTP: a reviewer takes back every standing change of one editor in a span of time, or of an
 * import, across profiles; a dry run says what would be and changes nothing; a change a later edit overlaps is left.
 */
class BatchUndoApiTest extends ServiceTest {

    private static final String UNDO = "/api/review/batch-undo";

    private ApiClient vera() {
        return as("vera");
    }

    @Test
    void aDryRunListsWhatWouldBeUndoneAndTheRunTakesBackAllButWhatALaterEditBlocks() {
        String one = profile("Ada leads the lab.");                                                        // @1..3
        String two = profile("The lab has ten people.");                                                   // @1..3
        Instant since = Instant.now();
        assertThat(bob().put(path(one) + "/claims/c1", Map.of("text", "Bo leads the lab.", "baseRevision", 3))
                .status()).isEqualTo(200);                                                                  // one @4
        assertThat(bob().put(path(one) + "/facts/HQ", Map.of("value", "Atlantis")).status()).isEqualTo(200);  // @5
        assertThat(bob().put(path(two) + "/claims/c1", Map.of("text", "The lab has a thousand people.",
                "baseRevision", 3)).status()).isEqualTo(200);                                               // two @4
        assertThat(bob().post(path(two) + "/sections/main/claims", Map.of("kind", "PARAGRAPH",
                "text", "Buy pills online.")).status()).isEqualTo(201);                                     // two @5
        bob().put(path(two) + "/facts/Size", Map.of("value", "big"));                                      // two @6
        bob().put(path(two) + "/facts/Size", Map.of("value", "huge"));                                     // two @7
        assertThat(alice().put(path(one) + "/claims/c1", Map.of("text", "Cy leads the lab.", "baseRevision", 5))
                .status()).isEqualTo(200);                                                                  // one @6
        queued(Map.of("editor", "bob", "since", since.toString()), 6);
        Map<String, Object> body = Map.of("editor", "bob", "since", since.toString(), "reason", "Vandalism",
                "commandId", "undo-bob-" + one);

        ApiClient.Answer dryRun = vera().post(UNDO + "?dryRun=true", body);
        assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
        assertThat(dryRun.json().get("dryRun").asBoolean()).isTrue();
        JsonNode planOne = ofProfile(dryRun.json(), one);
        assertThat(revisions(planOne.get("undone"))).containsExactly(5L);
        JsonNode blocked = planOne.at("/left/0");
        assertThat(blocked.get("revision").asLong()).isEqualTo(4);
        assertThat(blocked.get("changedBy").asText()).isEqualTo("alice");
        assertThat(blocked.get("currentRevision").asLong()).isEqualTo(6);
        assertThat(blocked.get("currentText").asText()).isEqualTo("Cy leads the lab.");
        assertThat(blocked.get("time")).as("when the change was made").isNotNull();
        assertThat(revisions(ofProfile(dryRun.json(), two).get("undone"))).as("one fact set twice: both go")
                .containsExactly(7L, 6L, 5L, 4L);
        assertThat(alice().get(path(one)).json().get("revision").asLong()).as("a dry run changes nothing")
                .isEqualTo(6);
        assertThat(alice().get(path(two)).json().get("revision").asLong()).isEqualTo(7);

        ApiClient.Answer run = vera().post(UNDO, body);
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.json().get("dryRun").asBoolean()).isFalse();
        assertThat(ofProfile(run.json(), one).get("revision").asLong()).isEqualTo(7);
        assertThat(revisions(ofProfile(run.json(), one).get("left"))).containsExactly(4L);
        assertThat(revisions(ofProfile(run.json(), two).get("undone"))).containsExactly(7L, 6L, 5L, 4L);

        JsonNode profileOne = alice().get(path(one) + "?minRevision=7").json();
        assertThat(profileOne.at("/sections/0/claims/0/text").asText()).as("blocked: alice's edit stays")
                .isEqualTo("Cy leads the lab.");
        assertThat(profileOne.get("facts")).as("bob's fact is gone").isEmpty();
        JsonNode profileTwo = alice().get(path(two) + "?minRevision=8").json();
        assertThat(profileTwo.get("facts")).isEmpty();
        assertThat(profileTwo.at("/sections/0/claims").size()).isEqualTo(1);
        assertThat(profileTwo.at("/sections/0/claims/0/text").asText()).isEqualTo("The lab has ten people.");

        assertThat(awaitState(two, 4, "UNDONE").at("/review/reason").asText()).isEqualTo("Vandalism");
        assertThat(awaitState(two, 4, "UNDONE").at("/review/reviewer").asText()).isEqualTo("vera");
        awaitState(two, 5, "UNDONE");
        awaitState(one, 5, "UNDONE");
        assertThat(awaitState(one, 7, "REVIEW").get("undoes")).extracting(JsonNode::asLong).containsExactly(5L);
        assertThat(awaitState(one, 4, "UNREVIEWED").get("editor").asText()).isEqualTo("bob");
        assertThat(queued(Map.of("editor", "bob", "since", since.toString()), 1)).extracting(this::revision)
                .as("only the change left for a person still waits").containsExactly(4L);
        JsonNode entry = alice().get(path(two) + "/history?size=1").json().at("/entries/0");
        assertThat(entry.get("editor").asText()).isEqualTo("vera");
        assertThat(entry.get("summary").asText()).isEqualTo("Batch undo of bob's changes: Vandalism");
        assertThat(entry.get("events")).extracting(JsonNode::asText).endsWith("ChangesUndone");

        ApiClient.Answer retried = vera().post(UNDO, body);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(ofProfile(retried.json(), two).get("revision").asLong()).as("the same command id").isEqualTo(8);
        assertThat(revisions(ofProfile(retried.json(), two).get("undone"))).containsExactly(7L, 6L, 5L, 4L);
        assertThat(alice().get(path(two)).json().get("revision").asLong()).as("nothing undone twice")
                .isEqualTo(8);

        ApiClient ada = as("ada");
        JsonNode digestsBefore = reviewDigest(ada.get("/api/admin/read-models/digests").json());
        assertThat(ada.post("/api/admin/replay", Map.of()).status()).isEqualTo(202);
        ReviewReads.await(() -> ada.get("/api/admin/replay").json(), progress -> !progress.get("rebuilding").asBoolean(),
                "the rebuild to finish");
        assertThat(reviewDigest(ada.get("/api/admin/read-models/digests").json())).isEqualTo(digestsBefore);
        assertThat(awaitState(two, 4, "UNDONE").at("/review/revision").asLong()).isEqualTo(8);
        assertThat(alice().get(path(one)).json().at("/sections/0/claims/0/text").asText())
                .isEqualTo("Cy leads the lab.");
    }

    @Test
    void anImportIsTakenBackWholeLeavingTheProfilesName() {
        String id = "imported-" + UUID.randomUUID().toString().substring(0, 8);
        String markdown = "# Spam Institute\n\n## What They Do\n\nSells pills.\n\nMore pills.\n";
        ApiClient.Answer imported = bob().postText("/api/profiles/import?id=" + id, "text/markdown", markdown);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);

        ApiClient.Answer run = vera().post(UNDO, Map.of("import", id, "reason", "Spam"));
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(revisions(ofProfile(run.json(), id).get("undone"))).containsExactly(1L);

        JsonNode profile = alice().get(path(id) + "?minRevision=2").json();
        assertThat(profile.at("/identity/name").asText()).isEqualTo("Spam Institute");
        assertThat(profile.get("sections")).isEmpty();
        assertThat(awaitState(id, 1, "UNDONE").at("/review/reason").asText()).isEqualTo("Spam");

        ApiClient.Answer created = vera().post(UNDO, Map.of("import", profile("Not imported."), "reason", "Spam"));
        assertThat(created.status()).as("a profile created, not imported").isEqualTo(422);
        assertThat(vera().post(UNDO, Map.of("import", "no-such-profile", "reason", "Spam")).status())
                .isEqualTo(404);
    }

    @Test
    void badBatchUndosAreRefusedWithAProblemAndChangeNothing() {
        String since = Instant.now().toString();
        Map<String, Object> good = Map.of("editor", "bob", "since", since, "reason", "Vandalism");
        assertThat(problem(vera().post(UNDO, Map.of("reason", "Vandalism")), 400))
                .contains("an 'editor'", "an 'import'");
        assertThat(problem(vera().post(UNDO, without(good, "reason")), 400)).contains("'reason'");
        assertThat(problem(vera().post(UNDO, with(good, "reason", " ")), 400)).contains("'reason'");
        assertThat(problem(vera().post(UNDO, with(good, "reason", "Bell\u0007")), 400)).contains("control");
        assertThat(problem(vera().post(UNDO, without(good, "since")), 400)).contains("'since'");
        assertThat(problem(vera().post(UNDO, with(good, "until", "2000-01-01T00:00:00Z")), 400))
                .contains("'since' must lie before 'until'");
        assertThat(problem(vera().post(UNDO, with(good, "since", "yesterday")), 400)).contains("'since'");
        assertThat(problem(vera().post(UNDO, with(good, "import", "acme")), 400)).contains("not both");
        assertThat(problem(vera().post(UNDO, with(good, "author", "vera")), 400)).contains("author");
        assertThat(problem(vera().post(UNDO, with(good, "editor", "vera")), 403))
                .startsWith("Nobody reviews their own changes");
        assertThat(problem(bob().post(UNDO, good), 403)).contains("REVIEWER");

        ApiClient.Answer nobody = vera().post(UNDO, with(good, "editor", "nobody-" + UUID.randomUUID()));
        assertThat(nobody.status()).as("an editor with no changes: nothing to undo").isEqualTo(200);
        assertThat(nobody.json().get("profiles")).isEmpty();
    }

    // ---- helpers ----

    private static String problem(ApiClient.Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        return answer.json().get("detail").asText();
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.remove(field);
        return changed;
    }

    private static JsonNode ofProfile(JsonNode answer, String profileId) {
        return answer.get("profiles").valueStream().filter(p -> p.get("profileId").asText().equals(profileId))
                .findFirst().orElseThrow(() -> new AssertionError(profileId + " is not in " + answer));
    }

    private static List<Long> revisions(JsonNode changes) {
        return changes.valueStream().map(change -> change.get("revision").asLong()).toList();
    }

    private long revision(JsonNode change) {
        return change.get("revision").asLong();
    }

    private static JsonNode reviewDigest(JsonNode digests) {
        return digests.get("readModels").valueStream().filter(d -> d.get("readModel").asText().equals("review"))
                .findFirst().orElseThrow();
    }

    private List<JsonNode> queued(Map<String, String> filter, int count) {
        return new ReviewReads(vera()).queued(filter, count);
    }

    private JsonNode awaitState(String p, long revision, String state) {
        return new ReviewReads(vera()).awaitState(p, revision, state);
    }

    private static String path(String profile) {
        return "/api/profiles/" + profile;
    }

    /** A profile by alice with one section, "main", holding one claim, c1: revisions 1 to 3. */
    private String profile(String claim) {
        String id = "undone-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", id, "name", "Undone")).status()).isEqualTo(201);
        assertThat(alice().post(path(id) + "/sections", Map.of("id", "main", "title", "Main")).status())
                .isEqualTo(201);
        assertThat(alice().post(path(id) + "/sections/main/claims", Map.of("kind", "PARAGRAPH", "text", claim,
                "id", "c1")).status()).isEqualTo(201);
        return id;
    }
}
