package io.palimpsest.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two profiles edited by alice and bob in known ways; each filter returns exactly the changes it names. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeFiltersTest extends ServiceTest {

    private Instant between;

    @BeforeAll
    void edit() throws InterruptedException {
        ApiClient alice = alice();
        ApiClient bob = bob();
        created(alice.post("/api/profiles", Map.of("id", "filter-a", "name", "A")));                  // a@1
        created(alice.post("/api/profiles", Map.of("id", "filter-b", "name", "B")));                  // b@1
        created(alice.post("/api/profiles/filter-a/sections", Map.of("title", "Risks")));             // a@2
        created(bob.post("/api/profiles/filter-a/sources", Map.of("title", "Report", "url", "https://example.org/r")));
        Thread.sleep(50);
        between = Instant.now();
        Thread.sleep(50);
        String claim = alice.post("/api/profiles/filter-a/sections/risks/claims",                      // a@4
                Map.of("kind", "BULLET", "text", "Risky.")).json().get("createdId").asText();
        assertThat(bob.put("/api/profiles/filter-a/claims/" + claim,                                   // a@5
                Map.of("text", "Very risky.", "baseRevision", 4)).status()).isEqualTo(200);
        assertThat(bob.put("/api/profiles/filter-b/facts/HQ", Map.of("value", "Paris")).status()).isEqualTo(200); // b@2
        assertThat(bob.put("/api/profiles/filter-a/claims/" + claim + "/citations/s1", Map.of()).status())
                .isEqualTo(200);                                                                       // a@6
    }

    @Test
    void withoutFiltersBothProfilesWholeHistoriesAreInTheFeed() {
        assertThat(feed("profile=filter-a,filter-b")).containsExactly("filter-a@1", "filter-b@1", "filter-a@2",
                "filter-a@3", "filter-a@4", "filter-a@5", "filter-b@2", "filter-a@6");
    }

    @Test
    void profileFilterReturnsOnlyThatProfile() {
        assertThat(feed("profile=filter-b")).containsExactly("filter-b@1", "filter-b@2");
    }

    @Test
    void editorFilterReturnsOnlyThatEditorsChanges() {
        assertThat(feed("profile=filter-a,filter-b&editor=bob"))
                .containsExactly("filter-a@3", "filter-a@5", "filter-b@2", "filter-a@6");
    }

    @Test
    void kindFilterReturnsOnlyThoseKindsOfChange() {
        assertThat(feed("profile=filter-a,filter-b&kind=ClaimAdded&kind=ClaimRevised"))
                .containsExactly("filter-a@4", "filter-a@5");
    }

    @Test
    void sectionFilterReturnsTheChangesThatNameTheSection() {
        assertThat(feed("profile=filter-a&section=risks")).containsExactly("filter-a@2", "filter-a@4");
    }

    @Test
    void claimFilterReturnsEveryChangeOfTheClaim() {
        assertThat(feed("profile=filter-a&claim=c1")).containsExactly("filter-a@4", "filter-a@5", "filter-a@6");
    }

    @Test
    void sourceFilterReturnsTheSourceAndItsCitations() {
        assertThat(feed("profile=filter-a&source=s1")).containsExactly("filter-a@3", "filter-a@6");
    }

    @Test
    void timeRangeFiltersAreHalfOpenOnTheStoredTime() {
        assertThat(feed("profile=filter-a,filter-b&to=" + between))
                .containsExactly("filter-a@1", "filter-b@1", "filter-a@2", "filter-a@3");
        assertThat(feed("profile=filter-a,filter-b&from=" + between))
                .containsExactly("filter-a@4", "filter-a@5", "filter-b@2", "filter-a@6");
    }

    @Test
    void feedPagesFollowOneAnotherByTheirNextCursor() {
        List<String> all = new ArrayList<>();
        String after = "0";
        for (int page = 0; page < 10; page++) {
            JsonNode answer = alice().get("/api/changes/feed?profile=filter-a&limit=4&after=" + after).json();
            answer.get("changes").forEach(c -> all.add(c.get("profileId").asText() + "@" + c.get("revision").asLong()));
            after = answer.get("next").asText();
        }
        assertThat(all).containsExactly("filter-a@1", "filter-a@2", "filter-a@3", "filter-a@4", "filter-a@5",
                "filter-a@6");
    }

    @Test
    void theStreamAppliesTheSameFiltersAndAClosedTimeRangeEndsIt() throws InterruptedException {
        try (SseTestClient consumer = SseTestClient.open(baseUrl(), "rita",
                "/api/changes?profile=filter-a&editor=bob&to=" + Instant.now() + "&after=0", null)) {
            List<String> received = new ArrayList<>();
            SseTestClient.Event event = consumer.nextEvent(10);
            while (event != null && event.name() == null) {
                received.add(event.json().get("revision").asText());
                event = consumer.nextEvent(10);
            }
            assertThat(received).containsExactly("3", "5", "6");
            assertThat(event).isNotNull();
            assertThat(event.name()).isEqualTo("end");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kind=ClaimRenamed", "after=abc", "after=5:7", "from=yesterday", "to=2026-13-01T00:00:00Z",
            "profile=Not_A_Profile", "claim=c%201", "from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "limit=0"})
    void badInputIsAProblemThatSaysWhatIsWrong(String query) {
        for (String path : List.of("/api/changes/feed?", "/api/changes?")) {
            if (path.equals("/api/changes?") && query.startsWith("limit")) {
                continue;
            }
            ApiClient.Answer answer = as("rita").get(path + query);
            assertThat(answer.status()).as("%s%s: %s", path, query, answer.body()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("detail").asText()).isNotBlank();
        }
    }

    @Test
    void aMalformedLastEventIdIsABadRequest() {
        ApiClient.Answer answer = as("rita").withHeader("Last-Event-ID", "forty-two").get("/api/changes");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("detail").asText()).contains("Last-Event-ID");
    }

    @Test
    void anonymousCallersAreRefusedUnlessPublicReadingIsOn() {
        assertThat(ApiClient.anonymous(baseUrl()).get("/api/changes/feed").status()).isEqualTo(401);
        assertThat(ApiClient.anonymous(baseUrl()).get("/api/changes").status()).isEqualTo(401);
    }

    /** Every page of the feed from the start, as a poller reads it: until {@code next} stops moving. */
    private List<String> feed(String query) {
        List<String> changes = new ArrayList<>();
        String after = "0";
        while (true) {
            ApiClient.Answer answer = as("rita").get("/api/changes/feed?limit=1000&after=" + after + "&" + query);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            answer.json().get("changes").forEach(c -> changes.add(c.get("profileId").asText() + "@" + c.get("revision").asLong()));
            String next = answer.json().get("next").asText();
            if (next.equals(after)) {
                return changes;
            }
            after = next;
        }
    }

    private static void created(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }
}
