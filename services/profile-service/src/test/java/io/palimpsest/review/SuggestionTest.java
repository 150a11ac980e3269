package io.palimpsest.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import io.palimpsest.live.StompTestClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Suggestion mode through HTTP and STOMP: editors suggest, reviewers accept or decline, authors withdraw or amend. */
class SuggestionTest extends ServiceTest {

    private static final String FOX = "The quick brown fox jumps over the lazy dog.";

    private ApiClient vera() {
        return as("vera");
    }

    private ApiClient ada() {
        return as("ada");
    }

    @Test
    void anEditorsEditInSuggestionModeIsASuggestionEveryoneSeesAndAReviewerAccepts() {
        String p = profileInSuggestionMode();

        ApiClient.Answer suggested = carol().put(path(p) + "/claims/c1", Map.of("baseRevision", 3,
                "text", "The quick brown fox leaps over the lazy dog.", "summary", "Livelier verb"));

        assertThat(suggested.status()).as(suggested.body()).isEqualTo(202);
        String id = suggested.json().get("suggestionId").asText();
        long suggestedAt = suggested.json().get("revision").asLong();
        assertThat(alice().get(path(p) + "?minRevision=" + suggestedAt).json().toString())
                .as("the current profile is unchanged").contains(FOX);
        JsonNode listed = as("rita").get(path(p) + "/suggestions?minRevision=" + suggestedAt).json();
        assertThat(listed.get("suggesting").asBoolean()).isTrue();
        JsonNode suggestion = listed.get("suggestions").get(0);
        assertThat(suggestion.get("id").asText()).isEqualTo(id);
        assertThat(suggestion.get("author").asText()).isEqualTo("carol");
        assertThat(suggestion.get("summary").asText()).isEqualTo("Livelier verb");
        assertThat(suggestion.get("edit").asText()).isEqualTo("ReviseClaim");
        assertThat(suggestion.get("claimId").asText()).isEqualTo("c1");
        assertThat(suggestion.get("sectionId").asText()).isEqualTo("main");
        assertThat(suggestion.get("currentText").asText()).isEqualTo(FOX);
        assertThat(suggestion.get("suggestedText").asText()).isEqualTo("The quick brown fox leaps over the lazy dog.");
        assertThat(as("rita").get(path(p) + "/suggestions/" + id).json()).isEqualTo(suggestion);

        ApiClient.Answer accepted = vera().post(path(p) + "/suggestions/" + id + "/acceptance", null);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        long revision = accepted.json().get("revision").asLong();
        assertThat(alice().get(path(p) + "?minRevision=" + revision).json().toString())
                .contains("The quick brown fox leaps over the lazy dog.");
        assertThat(alice().get(path(p) + "/suggestions?minRevision=" + revision).json().get("suggestions")).isEmpty();
        JsonNode entry = alice().get(path(p) + "/history?minRevision=" + revision + "&size=1").json().at("/entries/0");
        assertThat(entry.get("revision").asLong()).isEqualTo(revision);
        assertThat(entry.get("editor").asText()).as("the edit is the suggester's").isEqualTo("carol");
        assertThat(alice().get(path(p) + "/claims/c1/blame?minRevision=" + revision).json().toString()).contains("carol");
        JsonNode review = awaitReview(p, revision);
        assertThat(review.get("state").asText()).isEqualTo("APPROVED");
        assertThat(review.at("/review/reviewer").asText()).isEqualTo("vera");
    }

    @Test
    void anAcceptanceMergesWithALaterEditOrAnswers409WithBothTextsWhenTheyOverlap() {
        String p = profileInSuggestionMode();
        String leaps = suggest(p, "The quick brown fox leaps over the lazy dog.");
        String sleeps = suggest(p, "The quick brown fox sleeps over the lazy dog.");
        assertThat(ada().put(path(p) + "/claims/c1", Map.of("baseRevision", 3,
                "text", "The quick red fox jumps over the lazy dog.")).status()).as("an ADMIN edits directly")
                .isEqualTo(200);

        ApiClient.Answer merged = vera().post(path(p) + "/suggestions/" + leaps + "/acceptance", null);
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(alice().get(path(p) + "?minRevision=" + merged.json().get("revision").asLong()).json().toString())
                .contains("The quick red fox leaps over the lazy dog.");

        ApiClient.Answer overlapping = vera().post(path(p) + "/suggestions/" + sleeps + "/acceptance", null);
        assertThat(overlapping.status()).as(overlapping.body()).isEqualTo(409);
        assertThat(overlapping.contentType()).startsWith("application/problem+json");
        assertThat(overlapping.json().get("currentText").asText()).isEqualTo("The quick red fox leaps over the lazy dog.");
        assertThat(overlapping.json().get("suggestedText").asText())
                .isEqualTo("The quick brown fox sleeps over the lazy dog.");
        assertThat(overlapping.json().get("suggestionId").asText()).isEqualTo(sleeps);
        assertThat(alice().get(path(p) + "/suggestions").json().get("suggestions")).extracting(s -> s.get("id").asText())
                .as("a refused acceptance leaves the suggestion open").containsExactly(sleeps);
    }

    @Test
    void onlyReviewersSwitchTheModeAndSettleSuggestionsAndOnlyAuthorsWithdrawOrAmendThem() {
        String p = profileInSuggestionMode();
        String id = suggest(p, "The quick brown fox leaps over the lazy dog.");

        assertThat(carol().put(path(p) + "/suggestion-mode", Map.of("on", false)).status()).isEqualTo(403);
        assertThat(bob().post(path(p) + "/suggestions/" + id + "/acceptance", null).status()).isEqualTo(403);
        assertThat(carol().post(path(p) + "/suggestions/" + id + "/acceptance", null).status()).isEqualTo(403);
        assertThat(bob().post(path(p) + "/suggestions/" + id + "/decline", Map.of("reason", "No")).status())
                .isEqualTo(403);
        assertThat(bob().post(path(p) + "/suggestions/" + id + "/withdrawal", null).status()).isEqualTo(403);
        assertThat(bob().put(path(p) + "/suggestions/" + id, amendment("The fox.")).status()).isEqualTo(403);
        assertThat(vera().post(path(p) + "/suggestions/" + id + "/decline", Map.of()).status()).isEqualTo(400);
        assertThat(vera().post(path(p) + "/suggestions/" + id + "/decline", Map.of("reason", " ")).status())
                .isEqualTo(400);
        assertThat(vera().post(path(p) + "/suggestions/nope/acceptance", null).status()).isEqualTo(404);
        ApiClient.Answer unknownClaim = carol().put(path(p) + "/suggestions/" + id, Map.of("edit", Map.of("method",
                "PUT", "path", "claims/c404", "body", Map.of("text", "x", "baseRevision", 3))));
        assertThat(unknownClaim.status()).as(unknownClaim.body()).isEqualTo(404);
        assertThat(carol().put(path(p) + "/suggestions/" + id, Map.of("edit", Map.of("method", "PATCH",
                "path", "claims/c1"))).status()).isEqualTo(400);
        assertThat(alice().get(path(p) + "/suggestions").json().get("suggestions")).extracting(s -> s.get("id").asText())
                .as("nothing refused changed anything").containsExactly(id);

        ApiClient.Answer amended = carol().put(path(p) + "/suggestions/" + id, amendment("The quick fox."));
        assertThat(amended.status()).as(amended.body()).isEqualTo(200);
        assertThat(alice().get(path(p) + "/suggestions/" + id + "?minRevision=" + amended.json().get("revision")
                .asLong()).json().get("suggestedText").asText()).isEqualTo("The quick fox.");
        ApiClient.Answer withdrawn = carol().post(path(p) + "/suggestions/" + id + "/withdrawal", null);
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(vera().post(path(p) + "/suggestions/" + id + "/acceptance", null).status())
                .as("a withdrawn suggestion cannot be accepted").isEqualTo(404);
    }

    @Test
    void aDeclinedSuggestionLeavesTheProfileAsItWasWithTheReasonInTheHistory() {
        String p = profileInSuggestionMode();
        String id = suggest(p, "The quick brown fox leaps over the lazy dog.");

        ApiClient.Answer declined = vera().post(path(p) + "/suggestions/" + id + "/decline",
                Map.of("reason", "The source says jumps"));

        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        long revision = declined.json().get("revision").asLong();
        assertThat(alice().get(path(p) + "?minRevision=" + revision).json().toString()).contains(FOX);
        JsonNode entry = alice().get(path(p) + "/history?minRevision=" + revision + "&size=1").json().at("/entries/0");
        assertThat(entry.get("editor").asText()).isEqualTo("vera");
        assertThat(entry.get("summary").asText()).isEqualTo("Declined suggestion " + id + ": The source says jumps");
    }

    @Test
    void outOfSuggestionModeAndForReviewersEditsApplyAsBefore() {
        String p = profileInSuggestionMode();
        assertThat(vera().put(path(p) + "/facts/HQ", Map.of("value", "Paris")).status()).isEqualTo(200);
        ApiClient.Answer off = vera().put(path(p) + "/suggestion-mode", Map.of("on", false));
        assertThat(off.status()).as(off.body()).isEqualTo(200);

        ApiClient.Answer edit = carol().put(path(p) + "/facts/Size", Map.of("value", "10"));

        assertThat(edit.status()).as(edit.body()).isEqualTo(200);
        assertThat(edit.json().get("suggestionId").isNull()).isTrue();
        assertThat(alice().get(path(p) + "/suggestions?minRevision=" + edit.json().get("revision").asLong()).json()
                .get("suggesting").asBoolean()).isFalse();
    }

    @Test
    void liveSubscribersSeeSuggestionsArriveChangeAndResolve() throws Exception {
        String p = profileInSuggestionMode();
        try (StompTestClient rita = StompTestClient.connect(baseUrl(), "rita")) {
            StompTestClient.Received changes = rita.subscribe("/topic/profiles/" + p, 0L);
            String id = suggest(p, "The quick brown fox leaps over the lazy dog.");
            carol().put(path(p) + "/suggestions/" + id, amendment("The quick fox."));
            vera().post(path(p) + "/suggestions/" + id + "/acceptance", null);

            JsonNode arrived = changes.first(change -> change.get("type").asText().equals("EditSuggested"));
            assertThat(arrived.get("editor").asText()).isEqualTo("carol");
            assertThat(arrived.at("/change/suggestionId").asText()).isEqualTo(id);
            assertThat(arrived.at("/change/edit/text").asText()).isEqualTo("The quick brown fox leaps over the lazy dog.");
            assertThat(changes.first(change -> change.get("type").asText().equals("SuggestionAmended"))
                    .at("/change/edit/text").asText()).isEqualTo("The quick fox.");
            JsonNode applied = changes.first(change -> change.get("type").asText().equals("ClaimRevised"));
            assertThat(applied.get("editor").asText()).isEqualTo("carol");
            JsonNode resolved = changes.first(change -> change.get("type").asText().equals("SuggestionAccepted"));
            assertThat(resolved.get("editor").asText()).isEqualTo("vera");
            assertThat(resolved.get("revision").asLong()).isEqualTo(applied.get("revision").asLong());
        }
    }

    @Test
    void anEditorsEditOverTheSocketIsASuggestionToo() throws Exception {
        String p = profileInSuggestionMode();
        try (StompTestClient carol = StompTestClient.connect(baseUrl(), "carol")) {
            StompTestClient.Received answers = carol.subscribe("/user/queue/edits", null);
            carol.send("/app/profiles/" + p + "/edits", Map.of("method", "PUT", "path", "claims/c1", "body",
                    Map.of("text", "The quick brown fox leaps over the lazy dog.", "baseRevision", 3,
                            "commandId", "socket-suggestion")));

            JsonNode answer = answers.next();
            assertThat(answer.get("problem").isNull()).as(answer.toString()).isTrue();
            assertThat(answer.get("suggestionId").asText()).isEqualTo("sg5");
            assertThat(alice().get(path(p) + "/suggestions?minRevision=5").json().at("/suggestions/0/author").asText())
                    .isEqualTo("carol");
        }
    }

    @Test
    void aRebuildOfTheReadModelsReproducesTheSuggestions() {
        String p = profileInSuggestionMode();
        suggest(p, "The quick brown fox leaps over the lazy dog.");
        String declined = suggest(p, "The quick brown fox sleeps over the lazy dog.");
        long last = vera().post(path(p) + "/suggestions/" + declined + "/decline", Map.of("reason", "No"))
                .json().get("revision").asLong();
        JsonNode before = alice().get(path(p) + "/suggestions?minRevision=" + last).json();

        assertThat(ada().post("/api/admin/replay", Map.of()).status()).isEqualTo(202);
        for (int attempt = 0; attempt < 500 && ada().get("/api/admin/replay").json().get("rebuilding").asBoolean();
             attempt++) {
            pause();
        }

        assertThat(alice().get(path(p) + "/suggestions?minRevision=" + last).json()).isEqualTo(before);
        assertThat(before.get("suggestions")).hasSize(1);
    }

    // ---- helpers ----

    /** Carol is the suggester here: reviews of other tests judge bob's first changes, so his record stays theirs. */
    private ApiClient carol() {
        return as("carol");
    }

    private static Map<String, Object> amendment(String text) {
        return Map.of("edit", Map.of("method", "PUT", "path", "claims/c1", "body", Map.of("text", text,
                "baseRevision", 3)));
    }

    /** Carol's suggestion of a new text for claim c1, based on revision 3; its id. */
    private String suggest(String profile, String text) {
        ApiClient.Answer answer = carol().put(path(profile) + "/claims/c1", Map.of("baseRevision", 3, "text", text));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().get("suggestionId").asText();
    }

    private JsonNode awaitReview(String p, long revision) {
        for (int attempt = 0; attempt < 500; attempt++) {
            ApiClient.Answer answer = vera().get(path(p) + "/revisions/" + revision + "/review");
            if (answer.status() == 200 && !answer.json().get("state").asText().equals("UNREVIEWED")) {
                return answer.json();
            }
            pause();
        }
        throw new AssertionError("revision " + revision + " of " + p + " was never reviewed");
    }

    private static String path(String profile) {
        return "/api/profiles/" + profile;
    }

    /** A profile with section "main" and claim c1 (revisions 1 to 3, by alice), put in suggestion mode by vera (4). */
    private String profileInSuggestionMode() {
        String id = "suggested-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", id, "name", "Suggested")).status()).isEqualTo(201);
        assertThat(alice().post(path(id) + "/sections", Map.of("id", "main", "title", "Main")).status())
                .isEqualTo(201);
        assertThat(alice().post(path(id) + "/sections/main/claims", Map.of("kind", "PARAGRAPH", "text", FOX))
                .json().get("createdId").asText()).isEqualTo("c1");
        ApiClient.Answer on = vera().put(path(id) + "/suggestion-mode", Map.of("on", true));
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(on.json().get("revision").asLong()).isEqualTo(4);
        return id;
    }
}
