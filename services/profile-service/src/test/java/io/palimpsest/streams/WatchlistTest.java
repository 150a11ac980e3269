package io.palimpsest.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Watchlists over HTTP: what a user watches, their feed of it since they marked it read, and unread counts. */
class WatchlistTest extends ServiceTest {

    /** The test context is shared: each test starts from an empty watchlist read up to now. */
    @BeforeEach
    void emptyWatchlists() {
        for (ApiClient user : List.of(rita(), alice(), bob())) {
            user.get("/api/me/watches").json().get("watches")
                    .forEach(watch -> user.delete("/api/me/watches/" + watch.get("id").asText()));
            user.post("/api/me/changes/read", Map.of());
        }
    }

    @Test
    void aWatchedProfilesChangesAreInTheFeedAndCountedUntilMarkedRead() {
        String profile = profile();
        String watch = watch(rita(), Map.of("profile", profile));
        assertThat(bob().put("/api/profiles/" + profile + "/facts/HQ", Map.of("value", "Paris")).status()).isEqualTo(200);
        assertThat(alice().post("/api/profiles/" + profile + "/sections", Map.of("title", "Risks")).status())
                .isEqualTo(201);

        // Since the feed was last marked read, whenever the watch was made: the creation is in it too.
        JsonNode feed = rita().get("/api/me/changes").json();
        assertThat(revisions(feed)).containsExactly(profile + "@1", profile + "@2", profile + "@3");
        assertThat(feed.at("/changes/1/kind").asText()).isEqualTo("FactSet");
        assertThat(feed.at("/changes/1/editor").asText()).isEqualTo("bob");
        assertThat(feed.at("/changes/1/watches/0").asText()).isEqualTo(watch);
        assertThat(unread(rita(), watch)).isEqualTo(3);
        JsonNode uncounted = rita().get("/api/me/watches?unread=false").json();
        assertThat(uncounted.get("counted").asBoolean()).isFalse();
        assertThat(uncounted.at("/watches/0/id").asText()).isEqualTo(watch);

        JsonNode read = rita().post("/api/me/changes/read", Map.of("upTo", feed.get("next").asText())).json();
        assertThat(read.get("readUpTo").asText()).isEqualTo(feed.get("next").asText());
        assertThat(rita().get("/api/me/changes").json().get("changes")).isEmpty();
        assertThat(unread(rita(), watch)).isZero();

        bob().put("/api/profiles/" + profile + "/facts/HQ", Map.of("value", "Lyon"));
        assertThat(unread(rita(), watch)).isEqualTo(1);
        assertThat(bob().get("/api/me/changes").json().get("changes")).as("watchlists are per user").isEmpty();
    }

    @Test
    void aClaimsWatchFollowsItAcrossSectionsAndASectionsWatchTakesTheClaimsInItNow() {
        String profile = profile();
        alice().post("/api/profiles/" + profile + "/sections", Map.of("id", "first", "title", "First"));
        alice().post("/api/profiles/" + profile + "/sections", Map.of("id", "second", "title", "Second"));
        String moving = claim(profile, "first", "Moves.");
        String staying = claim(profile, "first", "Stays.");
        String onTheClaim = watch(rita(), Map.of("profile", profile, "claim", moving, "kinds", List.of("ClaimRevised")));
        String onTheSection = watch(rita(), Map.of("profile", profile, "section", "second"));

        alice().post("/api/profiles/" + profile + "/claims/" + moving + "/move",
                Map.of("sectionId", "second", "position", 0));                                          // @6
        bob().put("/api/profiles/" + profile + "/claims/" + moving, Map.of("text", "Moved.", "baseRevision", 6)); // @7
        bob().put("/api/profiles/" + profile + "/claims/" + staying, Map.of("text", "Still.", "baseRevision", 7)); // @8

        JsonNode feed = rita().get("/api/me/changes").json();
        assertThat(revisions(feed)).containsExactly(profile + "@3", profile + "@6", profile + "@7");
        JsonNode changes = feed.get("changes");
        assertThat(changes.get(0).get("kind").asText()).isEqualTo("SectionAdded");
        assertThat(changes.get(1).get("watches")).extracting(JsonNode::asText).containsExactly(onTheSection);
        assertThat(changes.get(2).get("watches")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(onTheClaim, onTheSection);
    }

    @Test
    void anEditorsWatchTakesThatEditorsChangesOnly() {
        String profile = profile();
        watch(rita(), Map.of("profile", profile, "editor", "bob"));
        alice().put("/api/profiles/" + profile + "/facts/HQ", Map.of("value", "Paris"));
        bob().put("/api/profiles/" + profile + "/facts/Founded", Map.of("value", "2020"));
        assertThat(revisions(rita().get("/api/me/changes").json())).containsExactly(profile + "@3");
    }

    @Test
    void aRemovedWatchIsGoneAndAnUnknownOneIs404() {
        String watch = watch(alice(), Map.of("editor", "someone-" + UUID.randomUUID()));
        assertThat(alice().delete("/api/me/watches/" + watch).status()).isEqualTo(204);
        assertThat(alice().get("/api/me/watches").body()).doesNotContain(watch);
        ApiClient.Answer again = alice().delete("/api/me/watches/" + watch);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anIncompleteOrMalformedWatchIsRefusedSayingWhy() {
        assertThat(refusal(Map.of())).contains("'profile'").contains("'editor'");
        assertThat(refusal(Map.of("claim", "c1"))).contains("in a 'profile'");
        assertThat(refusal(Map.of("profile", "acme", "claim", "c1", "section", "s"))).contains("at most one");
        assertThat(refusal(Map.of("profile", "acme", "kinds", List.of("Renamed")))).contains("'kinds'");
        assertThat(refusal(Map.of("profile", "Not An Id"))).contains("profile");
        assertThat(rita().post("/api/me/changes/read", Map.of("upTo", "soon")).status()).isEqualTo(400);
    }

    private ApiClient rita() {
        return as("rita");
    }

    private String refusal(Map<String, Object> watch) {
        ApiClient.Answer answer = rita().post("/api/me/watches", watch);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        return answer.json().get("detail").asText();
    }

    private String profile() {
        String id = "watched-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", id, "name", "Watched")).status()).isEqualTo(201);
        return id;
    }

    private String claim(String profile, String section, String text) {
        return alice().post("/api/profiles/" + profile + "/sections/" + section + "/claims",
                Map.of("kind", "BULLET", "text", text)).json().get("createdId").asText();
    }

    private static String watch(ApiClient user, Map<String, Object> watch) {
        ApiClient.Answer created = user.post("/api/me/watches", watch);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static int unread(ApiClient user, String watchId) {
        for (JsonNode watch : user.get("/api/me/watches").json().get("watches")) {
            if (watch.get("id").asText().equals(watchId)) {
                return watch.get("unread").asInt();
            }
        }
        throw new AssertionError("No watch " + watchId);
    }

    private static List<String> revisions(JsonNode feed) {
        List<String> revisions = new ArrayList<>();
        feed.get("changes").forEach(c -> revisions.add(c.get("profileId").asText() + "@" + c.get("revision").asLong()));
        return revisions;
    }
}
