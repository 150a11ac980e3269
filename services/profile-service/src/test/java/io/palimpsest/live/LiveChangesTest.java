package io.palimpsest.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Changes pushed to {@code /topic/profiles/{id}}: order, content, and resuming from a revision. */
class LiveChangesTest extends LiveTest {

    @Test
    void everyChangeArrivesInRevisionOrderWithItsEditorSummaryTimeAndContent() throws Exception {
        try (StompTestClient carol = connect("carol")) {
            StompTestClient.Received changes = carol.subscribe("/topic/profiles/ordered", null);
            awaitSubscribed(carol, "ordered");
            create(alice(), "ordered");
            for (int i = 1; i <= 6; i++) {
                setFact(i % 2 == 0 ? bob() : alice(), "ordered", "Key" + i, "value " + i);
            }

            List<JsonNode> received = changes.next(7);

            assertThat(received).extracting(m -> m.get("revision").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(received).extracting(m -> m.get("sequence").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(received.get(0).get("type").asText()).isEqualTo("ProfileCreated");
            assertThat(received.get(0).get("change").get("identity").get("name").asText()).isEqualTo("Org ordered");
            JsonNode byBob = received.get(2);
            assertThat(byBob.get("profileId").asText()).isEqualTo("ordered");
            assertThat(byBob.get("type").asText()).isEqualTo("FactSet");
            assertThat(byBob.get("editor").asText()).isEqualTo("bob");
            assertThat(byBob.get("summary").asText()).isEqualTo("set Key2");
            assertThat(byBob.get("change").get("key").asText()).isEqualTo("Key2");
            assertThat(byBob.get("change").get("value").asText()).isEqualTo("value 2");
            assertThat(Instant.parse(byBob.get("time").asText())).isBefore(Instant.now());
            assertThat(received.get(1).get("editor").asText()).isEqualTo("alice");
        }
    }

    @Test
    void resumingFromARevisionWhileEditsAreInFlightMissesNothingAndDoublesNothing() throws Exception {
        create(alice(), "resumed");
        for (int i = 1; i <= 10; i++) {
            setFact(alice(), "resumed", "Before" + i, "v");
        }
        ExecutorService writer = Executors.newSingleThreadExecutor();
        List<StompTestClient> clients = new ArrayList<>();
        try {
            Future<Long> lastWritten = writer.submit(() -> {
                long revision = 0;
                for (int i = 1; i <= 40; i++) {
                    revision = setFact(bob(), "resumed", "During" + i, "v");
                }
                return revision;
            });
            // Subscribers resume from different revisions while bob's edits are being stored and pushed.
            List<StompTestClient.Received> resumed = new ArrayList<>();
            for (long since : new long[]{0, 4, 11}) {
                StompTestClient client = connect("carol");
                clients.add(client);
                resumed.add(client.subscribe("/topic/profiles/resumed", since));
            }
            lastWritten.get();
            long last = setFact(alice(), "resumed", "After", "v");

            long[] since = {0, 4, 11};
            for (int i = 0; i < since.length; i++) {
                List<JsonNode> received = resumed.get(i).until(m -> m.get("revision").asLong() == last);
                assertThat(received).extracting(m -> m.get("revision").asLong())
                        .as("since-revision %d", since[i])
                        .containsExactlyElementsOf(LongStream.rangeClosed(since[i] + 1, last).boxed().toList());
            }
        } finally {
            writer.shutdownNow();
            clients.forEach(StompTestClient::close);
        }
    }

    @Test
    void aClientThatWasAwayGetsWhatItMissedThenLiveChanges() throws Exception {
        create(alice(), "away");
        long seen;
        try (StompTestClient carol = connect("carol")) {
            StompTestClient.Received changes = carol.subscribe("/topic/profiles/away", 0L);
            seen = changes.next().get("revision").asLong();
        }
        setFact(alice(), "away", "Missed1", "v");
        setFact(bob(), "away", "Missed2", "v");
        try (StompTestClient carol = connect("carol")) {
            StompTestClient.Received changes = carol.subscribe("/topic/profiles/away", seen);
            List<JsonNode> missed = changes.next(2);
            long live = setFact(alice(), "away", "Live", "v");

            assertThat(missed).extracting(m -> m.get("change").get("key").asText()).containsExactly("Missed1", "Missed2");
            assertThat(changes.next().get("revision").asLong()).isEqualTo(live);
        }
    }

    @Test
    void aResumeHeaderThatIsNotARevisionIsRefused() throws Exception {
        try (StompTestClient carol = connect("carol")) {
            carol.subscribe("/topic/profiles/anything", -1L);
            carol.awaitRefusal("since-revision");
        }
    }

    /**
     * A live-only subscription gets what is stored after the server registered it. The server handles a
     * connection's frames in order and answers every presence subscription with the current list, so that answer
     * shows the subscription before it is registered.
     */
    private static void awaitSubscribed(StompTestClient client, String profileId) throws InterruptedException {
        client.subscribe("/topic/profiles/" + profileId + "/presence", null).next();
    }
}
