package io.palimpsest.streams;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import io.palimpsest.editors.EditorNames;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** What the operator's settings change: public reading, the heartbeat, and how far behind a consumer may fall. */
@TestPropertySource(properties = {"palimpsest.streams.public-reading=true", "palimpsest.streams.heartbeat=200ms"})
class ChangeStreamSettingsTest extends ServiceTest {

    @Autowired
    EventStore eventStore;

    @Autowired
    EditorNames editors;

    @Test
    void withPublicReadingOnAnonymousCallersReadTheStreamAndTheFeedButStillCannotEdit() throws InterruptedException {
        assertThat(ApiClient.anonymous(baseUrl()).get("/api/changes/feed").status()).isEqualTo(200);
        try (SseTestClient consumer = SseTestClient.open(baseUrl(), null, "/api/changes", null)) {
            assertThat(consumer.status()).isEqualTo(200);
        }
        assertThat(ApiClient.anonymous(baseUrl()).get("/api/profiles").status()).isEqualTo(401);
    }

    @Test
    void anIdleStreamSendsHeartbeatCommentsUntilAChangeArrives() throws InterruptedException {
        try (SseTestClient consumer = SseTestClient.open(baseUrl(), "rita", "/api/changes?profile=heartbeat", null)) {
            for (int i = 0; i < 3; i++) {
                SseTestClient.Event heartbeat = consumer.next(10);
                assertThat(heartbeat).isNotNull();
                assertThat(heartbeat.comment()).isEqualTo("heartbeat");
            }
            assertThat(alice().post("/api/profiles", Map.of("id", "heartbeat", "name", "Beat")).status()).isEqualTo(201);
            assertThat(consumer.nextEvent(10).json().get("profileId").asText()).isEqualTo("heartbeat");
        }
    }

    @Test
    void aLiveConsumerTooSlowToKeepUpIsCutOffWithALastEventNamingWhereToResume() throws Exception {
        String profile = "slow-consumer";
        assertThat(alice().post("/api/profiles", Map.of("id", profile, "name", "Slow")).status()).isEqualTo(201);
        Recorder slow = new Recorder(Duration.ofMillis(800));
        StreamsProperties settings = new StreamsProperties(false, Duration.ofMillis(200), Duration.ofMillis(300), 100);
        ChangeFilter filter = ChangeFilter.of(List.of(profile), null, null, null, null, null, null, null);
        try (ChangeStreams streams = new ChangeStreams(eventStore, editors, settings)) {
            streams.stream(Cursor.of(eventStore.createHeadToken()), filter, slow);
            Thread.sleep(500); // at the head, so live
            for (int i = 0; i < 3; i++) {
                assertThat(alice().put("/api/profiles/" + profile + "/facts/F" + i, Map.of("value", "v")).status())
                        .isEqualTo(200);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (slow.calls.stream().noneMatch(call -> call.startsWith("cut-off")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        assertThat(slow.calls).last().asString().startsWith("cut-off after ");
        List<String> changes = slow.calls.stream().filter(call -> call.startsWith("change ")).toList();
        assertThat(changes).isNotEmpty().hasSizeLessThan(3);
        assertThat(slow.calls).last().asString().endsWith(changes.get(changes.size() - 1).substring("change ".length()));
    }

    /** A sink that takes {@code delay} over every change, as a consumer on a slow link. */
    private static final class Recorder implements ChangeSink {
        final List<String> calls = new CopyOnWriteArrayList<>();
        private final Duration delay;
        private boolean open = true;

        Recorder(Duration delay) {
            this.delay = delay;
        }

        @Override
        public void change(Change change) {
            calls.add("change " + change.cursor());
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void heartbeat() {
        }

        @Override
        public void cutOff(Cursor resumeAfter) {
            calls.add("cut-off after " + resumeAfter);
            open = false;
        }

        @Override
        public void end(Cursor resumeAfter) {
            calls.add("end after " + resumeAfter);
            open = false;
        }

        @Override
        public void stop() {
            calls.add("stop");
            open = false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }
}
