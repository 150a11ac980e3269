package io.palimpsest.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.BenchmarkReport;
import io.palimpsest.api.ReadModelsCaughtUp;
import io.palimpsest.api.ServiceTest;
import io.palimpsest.model.ClaimKind;
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
import org.springframework.test.annotation.DirtiesContext;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (docs/benchmarks.md, "Compaction"): {@value #PROFILES} profiles of {@value #REVISIONS}
 * revisions (100,000 events: claims added and revised, facts set) appended straight to the embedded event store and
 * folded by every read model; then {@code POST /api/admin/compaction} with the files' sizes before and after; then a
 * rebuild of the read models (which rewrites every document) and a second compaction. Run with
 * {@code -Dcompaction.benchmark=true}; writes {@code target/compaction-benchmark.txt}.
 */
@DirtiesContext
@EnabledIfSystemProperty(named = "compaction.benchmark", matches = "true")
class CompactionBenchmark extends ServiceTest {

    private static final int PROFILES = 100;
    private static final int REVISIONS = 1_000;

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration processing;

    private final BenchmarkReport report = new BenchmarkReport();

    @Test
    void compactionOfAStoreOfAHundredThousandEvents() throws IOException {
        long started = System.nanoTime();
        append();
        ReadModelsCaughtUp.await(eventStore, processing);
        report.note("%d events appended and folded by every read model in %.1f s (load %s)", PROFILES * REVISIONS,
                (System.nanoTime() - started) / 1e9, BenchmarkReport.load());
        // Each file's compaction may take its whole budget (palimpsest.operations.compact-time, 60 s).
        ApiClient ada = as("ada").waitingUpTo(Duration.ofMinutes(5));
        compact(ada, "after the fill");

        long rebuilding = System.nanoTime();
        assertThat(ada.post("/api/admin/replay", Map.of()).status()).isEqualTo(202);
        while (ada.get("/api/admin/replay").json().get("rebuilding").asBoolean()) {
            pause();
        }
        report.note("rebuild of the read models: %.1f s (load %s)", (System.nanoTime() - rebuilding) / 1e9,
                BenchmarkReport.load());
        compact(ada, "after a rebuild");
        compact(ada, "again, nothing changed in between");
        report.writeTo(Path.of("target", "compaction-benchmark.txt"));
    }

    private void compact(ApiClient ada, String when) {
        long started = System.nanoTime();
        ApiClient.Answer answer = ada.post("/api/admin/compaction", Map.of());
        long took = System.nanoTime() - started;
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        for (JsonNode file : answer.json().get("files")) {
            long before = file.get("bytesBefore").asLong();
            long after = file.get("bytesAfter").asLong();
            report.note("%-34s %-18s %,13d -> %,13d B (%+.1f %%)", when, file.get("file").asText(), before, after,
                    100.0 * (after - before) / before);
        }
        report.note("%-34s took %.1f s (load %s)", when, took / 1e9, BenchmarkReport.load());
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

    /** Creation, a section, then claims added (one in five) and revised, and facts set, by a handful of editors. */
    private static EventMessage<?> message(int p, int revision) {
        String profileId = "compacted-" + p;
        ProfileEvent event;
        if (revision == 1) {
            event = new ProfileEvent.ProfileCreated(profileId, 1, new Identity("Compacted " + p, null, null, null));
        } else if (revision == 2) {
            event = new ProfileEvent.SectionAdded(profileId, 2, "main", "Main", null, 0);
        } else if (revision % 5 == 0) {
            event = new ProfileEvent.ClaimAdded(profileId, revision, "main", "c" + revision, ClaimKind.PARAGRAPH, null,
                    "Claim " + revision + " of profile " + p + ", a sentence of ordinary length about the lab's work.",
                    List.of(), List.of(), null, revision / 5 - 1);
        } else if (revision % 5 == 1 && revision > 5) {
            long claim = (revision / 5) * 5;
            event = new ProfileEvent.ClaimRevised(profileId, revision, "c" + claim, "Claim " + claim + " of profile "
                    + p + ", revised at " + revision + ": a sentence of ordinary length about the lab's work.", null,
                    List.of(), revision - 1, false);
        } else {
            event = new ProfileEvent.FactSet(profileId, revision, "fact" + revision % 30, "value " + revision);
        }
        return new GenericDomainEventMessage<>("Profile", profileId, revision - 1, event,
                MetaData.with("editor", "editor-" + (p + revision) % 7));
    }
}
