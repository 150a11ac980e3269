package io.palimpsest.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeStreamTest extends ServiceTest {

    private static final int WRITERS = 8;
    private static final int EDITS_PER_WRITER = 20;

    @Test
    void aConsumerThatDisconnectsTwiceAndResumesWithLastEventIdGetsEveryChangeExactlyOnceWhileEightWritersEdit()
            throws Exception {
        List<String> profiles = List.of("stream-a", "stream-b");
        for (String profile : profiles) {
            assertThat(alice().post("/api/profiles", Map.of("id", profile, "name", profile)).status()).isEqualTo(201);
        }
        String query = "/api/changes?profile=stream-a,stream-b";
        List<JsonNode> received = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            String lastId;
            try (SseTestClient consumer = SseTestClient.open(baseUrl(), "rita", query + "&after=0", null)) {
                assertThat(consumer.status()).isEqualTo(200);
                assertThat(consumer.contentType()).startsWith("text/event-stream");
                List<Future<?>> edits = startWriters(writers, profiles);
                lastId = receive(consumer, received, 40);
                consumer.close();
                try (SseTestClient again = SseTestClient.open(baseUrl(), "rita", query, lastId)) {
                    lastId = receive(again, received, 60);
                }
                for (Future<?> edit : edits) {
                    edit.get();
                }
            }
            int total = profiles.size() + WRITERS * EDITS_PER_WRITER;
            try (SseTestClient last = SseTestClient.open(baseUrl(), "rita", query, lastId)) {
                receive(last, received, total - received.size());
                assertThat(last.nextEvent(1)).as("nothing beyond the edits made").isNull();
            }
        } finally {
            writers.shutdownNow();
        }

        Set<String> distinct = new HashSet<>();
        for (JsonNode change : received) {
            assertThat(distinct.add(change.get("profileId").asText() + "@" + change.get("revision").asLong()))
                    .as("received once: %s", change).isTrue();
        }
        for (String profile : profiles) {
            List<Long> revisions = received.stream().filter(c -> c.get("profileId").asText().equals(profile))
                    .map(c -> c.get("revision").asLong()).toList();
            long current = alice().get("/api/profiles/" + profile).json().get("revision").asLong();
            assertThat(revisions).as("every revision of %s, in order", profile)
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, current).boxed().toList());
        }
        // Not sorted: a commit whose writer allocated its position first may be stored after a later one.
        assertThat(received.stream().map(c -> c.get("position").asLong())).doesNotHaveDuplicates();
    }

    @Test
    void eachChangeSaysWhereItIsWhoMadeItAndWhatItTouched() throws Exception {
        assertThat(alice().post("/api/profiles", Map.of("id", "stream-shape", "name", "Shape")).status()).isEqualTo(201);
        try (SseTestClient consumer = SseTestClient.open(baseUrl(), "rita", "/api/changes?profile=stream-shape", null)) {
            assertThat(bob().post("/api/profiles/stream-shape/sections",
                    Map.of("title", "Risks", "summary", "add risks")).status()).isEqualTo(201);
            SseTestClient.Event event = consumer.nextEvent(10);

            JsonNode change = event.json();
            assertThat(event.id()).isEqualTo(change.get("position").asText());
            assertThat(change.get("profileId").asText()).isEqualTo("stream-shape");
            assertThat(change.get("revision").asLong()).isEqualTo(2);
            assertThat(change.get("kind").asText()).isEqualTo("SectionAdded");
            assertThat(change.get("editor").asText()).isEqualTo("bob");
            assertThat(change.get("summary").asText()).isEqualTo("add risks");
            assertThat(change.get("sectionId").asText()).isEqualTo("risks");
            assertThat(change.get("time").asText()).isNotEmpty();
        }
    }

    /** Returns the id of the last change received. */
    private static String receive(SseTestClient consumer, List<JsonNode> received, int count) throws InterruptedException {
        String lastId = null;
        for (int i = 0; i < count; i++) {
            SseTestClient.Event event = consumer.nextEvent(30);
            assertThat(event).as("change %d of %d", i + 1, count).isNotNull();
            assertThat(event.name()).isNull();
            received.add(event.json());
            lastId = event.id();
        }
        return lastId;
    }

    private List<Future<?>> startWriters(ExecutorService writers, List<String> profiles) {
        List<ApiClient> editors = List.of(alice(), bob(), as("carol"));
        List<Future<?>> edits = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            edits.add(writers.submit(() -> {
                for (int i = 0; i < EDITS_PER_WRITER; i++) {
                    String profile = profiles.get((writer + i) % profiles.size());
                    ApiClient.Answer answer = editors.get(writer % editors.size())
                            .put("/api/profiles/" + profile + "/facts/k" + writer + "-" + i, Map.of("value", "v" + i));
                    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                }
            }));
        }
        return edits;
    }
}
