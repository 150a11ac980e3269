package io.palimpsest.review;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.BenchmarkReport;
import io.palimpsest.api.ReadModelsCaughtUp;
import io.palimpsest.api.ServiceTest;
import io.palimpsest.editing.Profile;
import io.palimpsest.model.Identity;
import io.palimpsest.model.ProfileEvent;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * Benchmark, not a test (docs/benchmarks.md, "Review queue"): {@value #PROFILES} profiles of {@value #REVISIONS}
 * revisions each (100,000 changes by {@value #EDITORS} editors over ten days, a third flagged uncited, one in twenty
 * a large deletion, every fifth revision an approval of the one before) appended straight to the embedded event store;
 * the time the review read model takes to fold them, then pages of the patrol queue under each kind of filter, timed
 * over HTTP and in-process. Run with {@code -Dreview.benchmark=true}; writes {@code target/review-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "review.benchmark", matches = "true")
class ReviewQueueBenchmark extends ServiceTest {

    private static final int PROFILES = 100;
    private static final int REVISIONS = 1_000;
    private static final int EDITORS = 20;
    private static final int WARM_UP = 100;
    private static final int MEASURED = 500;
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ReviewQueue queue;

    @Autowired
    ReviewStore store;

    private final BenchmarkReport report = new BenchmarkReport();

    @Test
    void queuePagesWithAHundredThousandChanges() throws IOException {
        long started = System.nanoTime();
        append();
        long appended = System.nanoTime();
        ReadModelsCaughtUp.await(eventStore, processing);
        report.note("%d changes appended in %.1f s; every read model folded them %.1f s later (load %s)",
                PROFILES * REVISIONS, (appended - started) / 1e9, (System.nanoTime() - appended) / 1e9,
                BenchmarkReport.load());

        ApiClient reader = as("rita");
        Random random = new Random(7);
        long middle = store.head(ReviewProjection.ALL).count() / 2;
        Instant fiveDaysIn = START.plusSeconds(5 * 86_400);
        time("newest 50 of all (HTTP)", i -> get(reader, "/api/review/queue"));
        time("newest 50 of all (in-process)", i -> queue.page(filter(null, null, null, null), null, 50));
        time("one profile's newest 50 (HTTP)", i -> get(reader, "/api/review/queue?profile=" + profile(random)));
        time("one editor's newest 50 (HTTP)", i -> get(reader, "/api/review/queue?editor=" + editor(random)));
        time("flag large-deletion, newest 50 (HTTP)", i -> get(reader, "/api/review/queue?flag=large-deletion"));
        time("flag large-deletion of one editor (HTTP)", i -> get(reader,
                "/api/review/queue?flag=large-deletion&editor=" + editor(random)));
        time("one editor since five days in (HTTP)", i -> get(reader, "/api/review/queue?editor="
                + editor(random) + "&since=" + fiveDaysIn));
        time("all, a page half way back (HTTP)", i -> get(reader, "/api/review/queue?before=" + middle));
        time("flag burst (none raised: the walk finds nothing) (HTTP)", i -> get(reader,
                "/api/review/queue?flag=burst&limit=10"));
        report.writeTo(Path.of("target", "review-benchmark.txt"));
    }

    private static ReviewQueue.Filter filter(String profile, String editor, String flag, Instant since) {
        return new ReviewQueue.Filter(profile, editor, flag, since, null);
    }

    // ---- the data ----

    private void append() {
        List<EventMessage<?>> batch = new ArrayList<>();
        for (int revision = 1; revision <= REVISIONS; revision++) {
            for (int p = 0; p < PROFILES; p++) {
                batch.add(message(p, revision));
            }
            eventStore.publish(batch);
            batch.clear();
        }
    }

    private static EventMessage<?> message(int p, int revision) {
        String profileId = "queued-" + p;
        long step = (long) revision * PROFILES + p;
        Instant time = START.plusSeconds(step * 864_000 / ((long) REVISIONS * PROFILES));
        ProfileEvent event;
        MetaData meta;
        if (revision == 1) {
            event = new ProfileEvent.ProfileCreated(profileId, 1, new Identity("Queued " + p, null, null, null));
            meta = MetaData.with("editor", "editor-" + p % EDITORS);
        } else if (revision % 5 == 0) {
            event = new ProfileEvent.ChangeApproved(profileId, revision, revision - 1);
            meta = MetaData.with("editor", "vera");
        } else {
            event = new ProfileEvent.FactSet(profileId, revision, "fact" + revision % 30, "value " + revision);
            meta = MetaData.with("editor", "editor-" + (p + revision) % EDITORS);
            if (step % 3 == 0) {
                meta = meta.and(Profile.FLAGS, List.of(Map.of("code", "uncited-claim", "sentence", "cites nothing")));
            } else if (step % 20 == 1) {
                meta = meta.and(Profile.FLAGS, List.of(Map.of("code", "large-deletion", "sentence", "cut")));
            }
        }
        return new GenericDomainEventMessage<>("Profile", profileId, revision - 1, event, meta,
                UUID.randomUUID().toString(), time);
    }

    // ---- measuring ----

    private static String profile(Random random) {
        return "queued-" + random.nextInt(PROFILES);
    }

    private static String editor(Random random) {
        return "editor-" + random.nextInt(EDITORS);
    }

    private static void get(ApiClient client, String path) {
        ApiClient.Answer answer = client.get(path);
        if (answer.status() != 200) {
            throw new AssertionError(answer.status() + " " + answer.body());
        }
    }

    private void time(String what, IntConsumer call) {
        report.time(what, WARM_UP, MEASURED, call);
    }
}
