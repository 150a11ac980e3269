package io.palimpsest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark with tiny numbers against the packaged service, so it does not rot. Runs in {@code verify}, after
 * the service jar is built. Asserts that every part produced figures, never how fast they are.
 */
class BenchSmokeIT {

    @TempDir
    Path workDir;

    @Test
    void aTinyRunEditsDeliversTimesHistoryRebuildsAndReports() throws Exception {
        Options options = Options.parse(new String[]{
                "--service-jar=" + System.getProperty("bench.service-jar"), "--engine=memory",
                "--work-dir=" + workDir.resolve("service"), "--heap=256m", "--users=2",
                // Quick start over peak speed: this run proves the parts work, it measures nothing.
                "--service-jvm-args=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
                "--editors=4", "--profiles=2", "--think-ms=20", "--conflict-share=0.5",
                "--warm-up-seconds=0", "--seconds=1", "--samples=4", "--history-revisions=20",
                "--first-store-size=50", "--history-warm-up-seconds=0", "--store-sizes=2000"});

        JsonNode run = Api.JSON.valueToTree(Bench.run(options));

        for (JsonNode phase : run.path("phases")) {
            assertThat(phase.path("accepted").asLong()).as(phase.path("phase").asText()).isPositive();
            assertThat(phase.path("errors").asLong()).as(phase.path("firstError").asText()).isZero();
            assertThat(phase.path("deliveries").asLong()).isPositive();
            assertThat(phase.path("server").path("maxHeapUsedMiB").asDouble()).isPositive();
        }
        assertThat(run.path("phases")).hasSize(2);
        assertThat(run.path("history").path("reads").path("profileAsOf").path("failures").asLong()).isZero();
        assertThat(run.path("history").path("reads").path("blame").path("latency").path("count").asLong()).isPositive();
        assertThat(run.path("history").path("rebuild").path("events").asLong()).isGreaterThan(20);
        assertThat(run.path("storeSizes").path(0).path("storedEvents").asLong()).isGreaterThanOrEqualTo(2000);
        assertThat(run.path("storeSizes").path(0).path("rebuild").path("events").asLong()).isGreaterThanOrEqualTo(2000);
        assertThat(run.path("growth")).hasSize(4);
        assertThat(run.path("growth").path(0).path("storedEvents").asLong()).isGreaterThanOrEqualTo(50);

        Path json = workDir.resolve("run.json");
        Bench.write(json, run);
        Report.write(Options.parse(new String[]{"--inputs=" + json, "--out=" + workDir.resolve("report")}));
        assertThat(Files.readString(workDir.resolve("report.md"))).contains("Targets", "History at size", "Rebuild as the store grows");
        assertThat(Api.JSON.readTree(workDir.resolve("report.json").toFile()).path("targets")).isNotEmpty();
    }
}
