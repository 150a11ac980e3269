package io.palimpsest.history;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.BenchmarkReport;
import io.palimpsest.api.ServiceTest;
import io.palimpsest.model.ClaimKind;
import io.palimpsest.model.Identity;
import io.palimpsest.model.ProfileEvent;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (docs/history.md, "Benchmarks"): {@value #PROFILES_PROPERTY} profiles (default 10) of
 * {@value #REVISIONS_PROPERTY} revisions each (default 10,000, one event and one commit per revision) are appended
 * straight to the embedded H2 event store, then the profile as of random revisions, history pages and blame of one
 * profile are timed over HTTP and in-process, and a full rebuild ({@code POST /api/admin/replay}) is timed to its end.
 * Run with {@code -Dhistory.benchmark=true}; prints the numbers and writes them to
 * {@code target/history-benchmark.txt}. Nothing here is asserted about speed.
 */
@EnabledIfSystemProperty(named = "history.benchmark", matches = "true")
class HistoryBenchmark extends ServiceTest {

    private static final String PROFILES_PROPERTY = "history.benchmark.profiles";
    private static final String REVISIONS_PROPERTY = "history.benchmark.revisions";
    private static final int PROFILES = Integer.getInteger(PROFILES_PROPERTY, 10);
    private static final int REVISIONS = Integer.getInteger(REVISIONS_PROPERTY, 10_000);
    private static final int SECTIONS = 10;
    private static final int CLAIMS = 200;
    private static final int REVISIONS_PER_APPEND = 100;
    private static final int WARM_UP = 100;
    private static final int MEASURED = 300;
    private static final String[] EDITORS = {"alice", "bob", "carol"};

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    HistoryQueries queries;

    private final BenchmarkReport report = new BenchmarkReport();

    @Test
    void historyReadsAndRebuild() throws IOException {
        long started = System.nanoTime();
        append();
        long loaded = System.nanoTime();
        long head = awaitCaughtUp();
        report.note("%d profiles x %d revisions = %d events appended in %.1f s, projected %.1f s later; load %s",
                PROFILES, REVISIONS, head, (loaded - started) / 1e9, (System.nanoTime() - loaded) / 1e9,
                BenchmarkReport.load());

        String profile = profileId(0);
        ApiClient reader = as("rita");
        Random random = new Random(42);
        measure("as-of revision (HTTP GET ?at=r)", r -> ok(reader.get("/api/profiles/" + profile + "?at="
                + (1 + random.nextInt(REVISIONS)))));
        measure("as-of revision (in-process HistoryQueries.at)", r -> queries.at(profile, 1 + random.nextInt(REVISIONS)));
        checkAsOf(profile, reader, random);
        measure("history page of 20 (HTTP)", r -> ok(reader.get("/api/profiles/" + profile + "/history?size=20&page="
                + random.nextInt(REVISIONS / 20))));
        measure("history page of 20 (in-process)", r -> queries.history(profile, 0,
                new HistoryQueries.Filter(null, null, null, null, null), random.nextInt(REVISIONS / 20), 20));
        measure("history of one claim, filtered page (HTTP)", r -> ok(reader.get("/api/profiles/" + profile
                + "/history?size=20&claim=c" + random.nextInt(CLAIMS))));
        measure("blame (HTTP)", r -> ok(reader.get("/api/profiles/" + profile + "/blame")));
        measure("blame (in-process)", r -> queries.blame(profile, 0));

        readWholeLog(head);
        // The first rebuild runs code the service had not run hot yet (the JIT compiles through it); the second
        // is what a service that has been running for a while does.
        rebuild(head, "first");
        rebuild(head, "second");
        report.writeTo(Path.of("target", "history-benchmark.txt"));
    }

    // ---- the data: one event per revision, commits of different profiles interleaved ----

    private void append() {
        List<EventMessage<?>> batch = new ArrayList<>();
        for (int first = 1; first <= REVISIONS; first += REVISIONS_PER_APPEND) {
            for (int revision = first; revision < first + REVISIONS_PER_APPEND && revision <= REVISIONS; revision++) {
                for (int p = 0; p < PROFILES; p++) {
                    batch.add(message(event(profileId(p), revision), revision));
                }
            }
            // Consecutive events of different profiles: every revision is a commit of its own, one sync per append.
            eventStore.publish(batch);
            batch.clear();
        }
    }

    private static String profileId(int index) {
        return "bench-" + index;
    }

    /** Sections first, then claims, then mostly revisions of claims with some facts in between. */
    private static ProfileEvent event(String profileId, long revision) {
        if (revision == 1) {
            return new ProfileEvent.ProfileCreated(profileId, 1, new Identity("Bench " + profileId, null, "company",
                    "A profile with a long history"));
        }
        long n = revision - 2;
        if (n < SECTIONS) {
            return new ProfileEvent.SectionAdded(profileId, revision, "s" + n, "Section " + n, null, (int) n);
        }
        n -= SECTIONS;
        if (n < CLAIMS) {
            return new ProfileEvent.ClaimAdded(profileId, revision, "s" + n % SECTIONS, "c" + n, ClaimKind.PARAGRAPH,
                    null, text(n, revision), List.of(), List.of(), null, 0);
        }
        if (revision % 7 == 0) {
            return new ProfileEvent.FactSet(profileId, revision, "fact" + revision % 40, "value at " + revision);
        }
        long claim = (revision * 31) % CLAIMS;
        return new ProfileEvent.ClaimRevised(profileId, revision, "c" + claim, text(claim, revision), null,
                List.of(), revision - 1, false);
    }

    private static String text(long claim, long revision) {
        return "Claim " + claim + " as written at revision " + revision
                + ": the organisation was founded in a small town and has grown to several hundred employees.";
    }

    private static EventMessage<?> message(ProfileEvent event, long revision) {
        return new GenericDomainEventMessage<>("Profile", event.profileId(), revision - 1, event,
                MetaData.with("editor", EDITORS[(int) (revision % EDITORS.length)]).and("summary", "edit " + revision));
    }

    // ---- measuring ----

    private long awaitCaughtUp() {
        long head = eventStore.createHeadToken().position().orElseThrow();
        while (Replays.READ_MODELS.stream().anyMatch(name -> position(name) < head)) {
            pause(200);
        }
        return head;
    }

    private long position(String processorName) {
        return processing.eventProcessor(processorName, StreamingEventProcessor.class).orElseThrow()
                .processingStatus().values().stream().map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.orElse(0)).min().orElse(0);
    }

    private void measure(String what, IntConsumer call) {
        report.time(what, WARM_UP, MEASURED, call);
    }

    /** Not timed: the profile as of a revision is that revision's, over HTTP and in-process alike. */
    private void checkAsOf(String profile, ApiClient reader, Random random) {
        for (int i = 0; i < 100; i++) {
            long revision = 1 + random.nextInt(REVISIONS);
            assertThat(reader.get("/api/profiles/" + profile + "?at=" + revision).json().get("revision").asLong())
                    .isEqualTo(revision);
            assertThat(queries.at(profile, revision).revision()).isEqualTo(revision);
        }
    }

    /** What bounds a rebuild: the event store read from the start, deserialized, with no projection. */
    private void readWholeLog(long head) {
        long before = System.nanoTime();
        long events = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.nextAvailable().trackingToken().position().orElseThrow() < head) {
                events++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double seconds = (System.nanoTime() - before) / 1e9;
        report.note("read of the whole log, %d events, no projection: %.1f s = %.0f events/s; load %s", events + 1,
                seconds, (events + 1) / seconds, BenchmarkReport.load());
    }

    private void rebuild(long head, String which) {
        ApiClient admin = as("ada");
        long before = System.nanoTime();
        assertThat(admin.post("/api/admin/replay", Map.of()).status()).isEqualTo(202);
        while (admin.get("/api/admin/replay").json().get("rebuilding").asBoolean()
                || Replays.READ_MODELS.stream().anyMatch(name -> position(name) < head)) {
            pause(50);
        }
        double seconds = (System.nanoTime() - before) / 1e9;
        report.note("%s full rebuild of %d events (both read models): %.1f s = %.0f events/s; load %s", which, head,
                seconds, head / seconds, BenchmarkReport.load());
    }

    private static void ok(ApiClient.Answer answer) {
        if (answer.status() != 200) {
            throw new AssertionError(answer.status() + " " + answer.body());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
