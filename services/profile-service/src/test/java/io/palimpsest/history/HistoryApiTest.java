package io.palimpsest.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample imported, then edited by alice, bob and carol; every history read checked over HTTP. */
class HistoryApiTest extends ServiceTest {

    private static final String P = "/api/profiles/beijing";

    // One story for the whole class, told before its first test (the server of the class is up by then).
    private static String first;
    private static String second;
    private static long last;
    private static Instant afterImport;

    @BeforeEach
    void importAndEditOnce() throws IOException {
        if (first != null) {
            return;
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("samples/000_9766725a61e7e7e5.txt")) {
            String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(alice().postText("/api/profiles/import?id=beijing", "text/plain", page).status()).isEqualTo(201);
        }
        JsonNode claims = alice().get(P + "?minRevision=1").json().at("/sections/1/claims");
        first = claims.get(0).get("id").asText();
        second = claims.get(1).get("id").asText();
        afterImport = Instant.now();
        edit(bob().put(P + "/claims/" + first, Map.of("text", "Bob rewrote this claim.", "baseRevision", 1,
                "summary", "shorter")));                                                       // 2
        edit(carol().put(P + "/facts/Founded", Map.of("value", "1999", "summary", "fix year")));   // 3
        edit(alice().post(P + "/claims/" + second + "/move", Map.of("sectionId", "key-people", "position", 0))); // 4
        edit(carol().put(P + "/claims/" + first, Map.of("text", "Carol rewrote this claim again.", "baseRevision", 2)));
        edit(bob().delete(P + "/claims/" + second));                                            // 6
        last = edit(alice().post(P + "/claims/" + second + "/restore", Map.of()));              // 7
        awaitHistory(P + "/history", page -> page.get("revision").asLong() == last);
    }

    private ApiClient carol() {
        return as("carol");
    }

    private long edit(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(200, 201);
        return answer.json().get("revision").asLong();
    }

    /** History is projected asynchronously: reads until it has caught up. */
    private JsonNode awaitHistory(String path, Predicate<JsonNode> caughtUp) {
        for (int attempt = 0; attempt < 500; attempt++) {
            ApiClient.Answer answer = alice().get(path);
            if (answer.status() == 200 && caughtUp.test(answer.json())) {
                return answer.json();
            }
            pause();
        }
        throw new AssertionError("History never caught up: " + alice().get(path).body());
    }

    @Test
    void historyListsEveryEditNewestFirstWithEditorSummaryAndTextDiff() {
        JsonNode page = alice().get(P + "/history?size=50").json();
        assertThat(page.get("total").asLong()).isEqualTo(7);
        List<Long> revisions = new ArrayList<>();
        page.get("entries").forEach(e -> revisions.add(e.get("revision").asLong()));
        assertThat(revisions).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
        JsonNode bobs = page.get("entries").get(5);
        assertThat(bobs.get("editor").asText()).isEqualTo("bob");
        assertThat(bobs.get("summary").asText()).isEqualTo("shorter");
        assertThat(bobs.get("events").get(0).asText()).isEqualTo("ClaimRevised:EDIT");
        JsonNode change = bobs.at("/changes/claims/0");
        assertThat(change.get("claimId").asText()).isEqualTo(first);
        assertThat(change.at("/after/text").asText()).isEqualTo("Bob rewrote this claim.");
        assertThat(change.at("/textDiff/edits")).isNotEmpty();
        assertThat(page.get("entries").get(4).at("/changes/facts/0/after/value").asText()).isEqualTo("1999");
    }

    @Test
    void historyPagesAndFilters() {
        JsonNode secondPage = alice().get(P + "/history?page=1&size=3").json();
        assertThat(secondPage.get("entries").get(0).get("revision").asLong()).isEqualTo(4);
        assertThat(revisions(P + "/history?claim=" + first)).containsExactly(5L, 2L, 1L);
        assertThat(revisions(P + "/history?editor=bob")).containsExactly(6L, 2L);
        assertThat(revisions(P + "/history?section=key-people")).contains(7L, 6L, 4L).doesNotContain(3L);
        assertThat(revisions(P + "/history?from=" + afterImport)).containsExactly(7L, 6L, 5L, 4L, 3L, 2L);
        assertThat(revisions(P + "/history?to=" + afterImport)).containsExactly(1L);
    }

    private List<Long> revisions(String path) {
        List<Long> revisions = new ArrayList<>();
        alice().get(path).json().get("entries").forEach(e -> revisions.add(e.get("revision").asLong()));
        return revisions;
    }

    @Test
    void aClaimsHistoryTellsItsWholeLife() {
        JsonNode life = alice().get(P + "/claims/" + second + "/history").json();
        List<String> steps = new ArrayList<>();
        life.forEach(step -> steps.add(step.get("revision").asLong() + ":" + step.get("editor").asText() + ":"
                + step.at("/change/aspects")));
        assertThat(steps).containsExactly("1:alice:[\"ADDED\"]", "4:alice:[\"MOVED\"]", "6:bob:[\"REMOVED\"]",
                "7:alice:[\"ADDED\"]");
    }

    @Test
    void blameSaysWhoCreatedAndLastChangedEveryLiveClaim() {
        JsonNode blame = alice().get(P + "/blame").json();
        JsonNode line = null;
        for (JsonNode claim : blame.get("claims")) {
            if (claim.get("claimId").asText().equals(first)) {
                line = claim;
            }
        }
        assertThat(line).isNotNull();
        assertThat(line.get("createdBy").asText()).isEqualTo("alice");
        assertThat(line.get("lastChangedBy").asText()).isEqualTo("carol");
        assertThat(line.get("lastChangedRevision").asLong()).isEqualTo(5);
        assertThat(line.get("revisions").asInt()).isEqualTo(3);
        assertThat(line.get("editors").toString()).isEqualTo("[\"alice\",\"bob\",\"carol\"]");
    }

    @Test
    void auditListsWhatAnEditorDidAcrossProfiles() {
        JsonNode audit = alice().get("/api/audit?editor=carol").json();
        List<String> done = new ArrayList<>();
        audit.get("entries").forEach(e -> done.add(e.get("profileId").asText() + "@" + e.get("revision").asLong()));
        assertThat(done).containsExactly("beijing@5", "beijing@3");
        assertThat(audit.get("editor").asText()).isEqualTo("carol");
        assertThat(Duration.between(Instant.parse(audit.get("from").asText()), Instant.parse(audit.get("to").asText())))
                .as("the range searched, its default filled in").isEqualTo(Duration.ofDays(7));
        assertThat(audit.has("profileId")).as("an audit spans profiles").isFalse();
        JsonNode secondPage = alice().get("/api/audit?editor=carol&size=1&page=1").json();
        assertThat(secondPage.get("total").asLong()).isEqualTo(2);
        assertThat(secondPage.at("/entries/0/revision").asLong()).isEqualTo(3);
        assertThat(alice().get("/api/audit?editor=carol&from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z").json()
                .get("total").asLong()).isZero();
    }

    @Test
    void theProfileAsOfARevisionOrAnInstantHasTheCurrentShape() {
        JsonNode atTwo = alice().get(P + "?at=2").json();
        assertThat(atTwo.get("revision").asLong()).isEqualTo(2);
        assertThat(atTwo.at("/sections/1/claims/0/text").asText()).isEqualTo("Bob rewrote this claim.");
        JsonNode atImport = alice().get(P + "?at=" + afterImport).json();
        assertThat(atImport.get("revision").asLong()).isEqualTo(1);
        JsonNode current = alice().get(P + "?minRevision=" + last).json();
        assertThat(alice().get(P + "?at=" + last).json()).isEqualTo(current);
        assertThat(alice().get(P + "?at=99").status()).isEqualTo(404);
        assertThat(alice().get(P + "?at=yesterday").status()).isEqualTo(400);
    }

    @Test
    void aHistoryRangeThatEndsBeforeItBeginsIsRefused() {
        ApiClient.Answer answer = alice().get(P + "/history?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("detail").asText()).isEqualTo("'from' must lie before 'to'");
    }

    @Test
    void anEmptyEditorFilterIsRefusedLikeAnEmptyClaimFilter() {
        assertThat(alice().get(P + "/history?editor=").status()).isEqualTo(400);
        assertThat(alice().get(P + "/history?claim=").status()).isEqualTo(400);
    }

    @Test
    void aNegativeRevisionIsRefusedAsARevision() {
        ApiClient.Answer answer = alice().get(P + "?at=-1");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("detail").asText()).isEqualTo("A revision is 1 or more, not -1");
    }

    @Test
    void diffShowsWhatChangedBetweenTwoRevisions() {
        JsonNode diff = alice().get(P + "/diff?from=1&to=5").json();
        assertThat(diff.at("/facts/0/kind").asText()).isEqualTo("CHANGED");
        List<String> claims = new ArrayList<>();
        diff.get("claims").forEach(c -> claims.add(c.get("claimId").asText() + c.get("aspects")));
        assertThat(claims).containsExactlyInAnyOrder(first + "[\"CONTENT\"]", second + "[\"MOVED\"]");
    }

    @Test
    void theTimesliderWalksEveryRevision() {
        for (long revision = 1; revision <= last; revision++) {
            JsonNode step = alice().get(P + "/revisions/" + revision).json();
            assertThat(step.at("/profile/revision").asLong()).isEqualTo(revision);
            assertThat(step.at("/edit/revision").asLong()).isEqualTo(revision);
            assertThat(step.get("latestRevision").asLong()).isEqualTo(last);
        }
    }

    @Test
    void readsNeedAReaderAndBadInputIsAProblem() {
        assertThat(ApiClient.anonymous(baseUrl()).get(P + "/history").status()).isEqualTo(401);
        assertThat(as("rita").get(P + "/blame").status()).isEqualTo(200);
        ApiClient.Answer bad = alice().get(P + "/history?size=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(alice().get("/api/profiles/nobody/history").status()).isEqualTo(404);
        assertThat(as("rita").post(P + "/revert", Map.of("toRevision", 1)).status()).isEqualTo(403);
    }
}
