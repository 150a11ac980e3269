package io.palimpsest.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Reviewing changes over HTTP: approve, reject (which reverts), who may, and the patrol queue's filters and pages. */
class ReviewTest extends ServiceTest {

    private ApiClient vera() {
        return as("vera");
    }

    @Test
    void anApprovedChangeLeavesTheQueueAndItsApprovalIsInTheHistory() {
        String p = profile();
        String claim = claim(p, "Ada leads the lab.");
        assertThat(bob().put(path(p) + "/claims/" + claim, Map.of("text", "Ada leads the lab well.",
                "baseRevision", 3)).status()).isEqualTo(200);                                               // @4
        assertThat(queued(Map.of("profile", p), 4)).extracting(this::revision).containsExactly(4L, 3L, 2L, 1L);

        ApiClient.Answer approved = vera().post(path(p) + "/revisions/4/approval", Map.of("reason", "Checked"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("revision").asLong()).isEqualTo(5);

        assertThat(queued(Map.of("profile", p), 3)).extracting(this::revision).containsExactly(3L, 2L, 1L);
        JsonNode review = awaitState(p, 4, "APPROVED");
        assertThat(review.at("/review/reviewer").asText()).isEqualTo("vera");
        assertThat(review.at("/review/revision").asLong()).isEqualTo(5);
        assertThat(review.has("queued") || review.has("lastSequence")).as("what the read model keeps to fold")
                .isFalse();
        JsonNode states = alice().get(path(p) + "/reviews?revisions=4,5,99").json().get("reviews");
        assertThat(states).extracting(s -> s.get("state").asText()).containsExactly("APPROVED", "REVIEW");
        assertThat(alice().get(path(p) + "/reviews").status()).isEqualTo(400);
        JsonNode entry = alice().get(path(p) + "/history?size=1").json().at("/entries/0");
        assertThat(entry.get("editor").asText()).isEqualTo("vera");
        assertThat(entry.get("events").get(0).asText()).isEqualTo("ChangeApproved");
        assertThat(entry.get("summary").asText()).isEqualTo("Approved revision 4: Checked");
    }

    @Test
    void aRejectedChangeIsTakenBackAndRecordsWhy() {
        String p = profile();
        String claim = claim(p, "The lab has ten people.");
        bob().put(path(p) + "/claims/" + claim, Map.of("text", "The lab has a thousand people.", "baseRevision", 3));
        alice().put(path(p) + "/facts/Founded", Map.of("value", "2020"));                                   // @5

        ApiClient.Answer rejected = vera().post(path(p) + "/revisions/4/rejection",
                Map.of("reason", "No source says so"));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);

        JsonNode profile = alice().get(path(p) + "?minRevision=6").json();
        assertThat(profile.at("/sections/0/claims/0/text").asText()).isEqualTo("The lab has ten people.");
        assertThat(profile.at("/facts/0/value").asText()).as("a later change stays").isEqualTo("2020");
        JsonNode review = awaitState(p, 4, "REJECTED");
        assertThat(review.at("/review/reason").asText()).isEqualTo("No source says so");
        assertThat(awaitState(p, 6, "REVIEW").get("reviews").asLong()).isEqualTo(4);
        assertThat(queued(Map.of("profile", p), 4)).extracting(this::revision).containsExactly(5L, 3L, 2L, 1L);
    }

    @Test
    void aRejectionThatALaterEditOverlapsAnswers409WithTheCurrentText() {
        String p = profile();
        String claim = claim(p, "Ada leads the lab.");
        bob().put(path(p) + "/claims/" + claim, Map.of("text", "Bo leads the lab.", "baseRevision", 3));    // @4
        alice().put(path(p) + "/claims/" + claim, Map.of("text", "Cy leads the lab.", "baseRevision", 4));  // @5

        ApiClient.Answer refused = vera().post(path(p) + "/revisions/4/rejection", Map.of("reason", "Wrong name"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("currentText").asText()).isEqualTo("Cy leads the lab.");
        assertThat(refused.json().get("changedBy").asText()).isEqualTo("alice");
        assertThat(alice().get(path(p)).json().get("revision").asLong()).as("nothing changed").isEqualTo(5);
    }

    @Test
    void onlyAnotherReviewerMayReviewAChange() {
        String p = profile();
        vera().put(path(p) + "/facts/HQ", Map.of("value", "Oslo"));                                        // @3

        ApiClient.Answer own = vera().post(path(p) + "/revisions/3/approval", null);
        assertThat(own.status()).as(own.body()).isEqualTo(403);
        assertThat(own.json().get("detail").asText()).startsWith("Nobody reviews their own change");

        ApiClient.Answer editor = bob().post(path(p) + "/revisions/3/approval", null);
        assertThat(editor.status()).isEqualTo(403);
        assertThat(editor.json().get("detail").asText()).contains("REVIEWER");

        assertThat(as("ada").post(path(p) + "/revisions/3/approval", null).status()).as("ADMIN > REVIEWER")
                .isEqualTo(200);
        ApiClient.Answer again = vera().post(path(p) + "/revisions/3/rejection", Map.of("reason", "No"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asText()).isEqualTo("The change of revision 3 was already approved "
                + "by ada");
    }

    @Test
    void badReviewsAreRefusedWithAProblemAndChangeNothing() {
        String p = profile();
        assertThat(vera().post(path(p) + "/revisions/2/rejection", Map.of()).status()).isEqualTo(400);
        assertThat(vera().post(path(p) + "/revisions/2/rejection", Map.of("reason", 5)).status()).isEqualTo(400);
        assertThat(vera().post(path(p) + "/revisions/2/approval", Map.of("editor", "bob")).status()).isEqualTo(400);
        ApiClient.Answer creation = vera().post(path(p) + "/revisions/1/rejection", Map.of("reason", "Spam"));
        assertThat(creation.status()).isEqualTo(422);
        assertThat(creation.contentType()).startsWith("application/problem+json");
        assertThat(vera().post(path(p) + "/revisions/99/approval", null).status()).isEqualTo(404);
        assertThat(vera().get(path(p) + "/revisions/99/review").status()).isEqualTo(404);
        assertThat(alice().get(path(p)).json().get("revision").asLong()).isEqualTo(2);
    }

    @Test
    void theQueueCarriesEachChangesFlagsAndDiff() {
        String p = profile();
        String claim = claim(p, "Cited nowhere.");
        assertThat(bob().delete(path(p) + "/claims/" + claim).status()).isEqualTo(200);                    // @4

        JsonNode retraction = queued(Map.of("profile", p), 4).get(0);
        assertThat(retraction.get("revision").asLong()).isEqualTo(4);
        assertThat(codes(retraction)).contains("large-deletion", "first-changes");
        assertThat(retraction.get("state").asText()).isEqualTo("unreviewed");
        assertThat(retraction.get("events").get(0).asText()).isEqualTo("ClaimRetracted");
        assertThat(retraction.get("changes")).isNotNull();
        JsonNode added = queued(Map.of("profile", p, "flag", "uncited-claim"), 1).get(0);
        assertThat(added.get("revision").asLong()).isEqualTo(3);
        assertThat(added.at("/flags/0/sentence").asText()).isEqualTo("New claim " + claim + " cites no source");
    }

    @Test
    void theQueueIsFilteredByEditorFlagAndTimeAndPagedNewestFirst() {
        String p = profile();
        Instant start = Instant.now();
        for (int i = 0; i < 5; i++) {
            as("carol").put(path(p) + "/facts/F" + i, Map.of("value", "v" + i));                             // @3..7
        }
        queued(Map.of("profile", p), 7);
        Map<String, String> carols = Map.of("editor", "carol", "since", start.toString());
        List<JsonNode> all = queued(carols, 5);
        assertThat(all).extracting(this::revision).containsExactly(7L, 6L, 5L, 4L, 3L);

        List<Long> paged = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = vera().get("/api/review/queue?editor=carol&since=" + start + "&limit=2"
                    + (next == null ? "" : "&before=" + next)).json();
            assertThat(page.get("changes").size()).isLessThanOrEqualTo(2);
            page.get("changes").forEach(change -> paged.add(change.get("revision").asLong()));
            next = page.get("next").isNull() ? null : page.get("next").asText();
        } while (next != null);
        assertThat(paged).containsExactly(7L, 6L, 5L, 4L, 3L);

        JsonNode before = vera().get("/api/review/queue?editor=carol&until=" + start).json().get("changes");
        assertThat(before).allMatch(change -> Instant.parse(change.get("time").asText()).isBefore(start));
        assertThat(before).extracting(change -> change.get("profileId").asText()).as("carol's changes since start")
                .doesNotContain(p);
        assertThat(vera().get("/api/review/queue?limit=0").status()).isEqualTo(400);
        assertThat(vera().get("/api/review/queue?since=yesterday").status()).isEqualTo(400);
        assertThat(vera().get("/api/review/queue?sort=old").status()).isEqualTo(400);
        assertThat(rita().get("/api/review/queue?profile=" + p).status()).as("a READER sees the queue").isEqualTo(200);
    }

    @Test
    void aRebuildOfTheReadModelsReproducesTheQueueItsFlagsAndEveryStateExactly() {
        String p = profile();
        String claim = claim(p, "Ten people work here.");
        bob().put(path(p) + "/claims/" + claim, Map.of("text", "Ten thousand people work here.", "baseRevision", 3));
        vera().post(path(p) + "/revisions/4/rejection", Map.of("reason", "Unsourced"));                      // @5
        vera().post(path(p) + "/revisions/2/approval", null);                                               // @6
        List<JsonNode> before = queued(Map.of("profile", p), 2);
        awaitState(p, 2, "APPROVED");
        ApiClient ada = as("ada");
        JsonNode digestsBefore = review(ada.get("/api/admin/read-models/digests").json());

        assertThat(ada.post("/api/admin/replay", Map.of()).status()).isEqualTo(202);
        ReviewReads.await(() -> ada.get("/api/admin/replay").json(), progress -> !progress.get("rebuilding").asBoolean(),
                "the rebuild to finish");

        assertThat(queued(Map.of("profile", p), 2)).isEqualTo(before);
        assertThat(awaitState(p, 4, "REJECTED").at("/review/reason").asText()).isEqualTo("Unsourced");
        assertThat(review(ada.get("/api/admin/read-models/digests").json())).isEqualTo(digestsBefore);
    }

    private static JsonNode review(JsonNode digests) {
        return digests.get("readModels").valueStream().filter(d -> d.get("readModel").asText().equals("review"))
                .findFirst().orElseThrow();
    }

    private ApiClient rita() {
        return as("rita");
    }

    // ---- helpers ----

    private long revision(JsonNode change) {
        return change.get("revision").asLong();
    }

    private static List<String> codes(JsonNode change) {
        List<String> codes = new ArrayList<>();
        change.get("flags").forEach(flag -> codes.add(flag.get("code").asText()));
        return codes;
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

    /** A profile with one section, "main": revisions 1 and 2, by alice. */
    private String profile() {
        String id = "reviewed-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", id, "name", "Reviewed")).status()).isEqualTo(201);
        assertThat(alice().post(path(id) + "/sections", Map.of("id", "main", "title", "Main")).status())
                .isEqualTo(201);
        return id;
    }

    private String claim(String profile, String text) {
        return alice().post(path(profile) + "/sections/main/claims", Map.of("kind", "PARAGRAPH", "text", text))
                .json().get("createdId").asText();
    }
}
