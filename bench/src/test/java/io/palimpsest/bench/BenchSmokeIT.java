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
    void aTinyRunEditsOverRestAndTheSocketDeliversTimesHistoryRebuildsReportsAndProfiles() throws Exception {
        Path recording = workDir.resolve("service.jfr");
        Options options = Options.parse(new String[]{
                "--service-jar=" + System.getProperty("bench.service-jar"), "--engine=memory",
                "--work-dir=" + workDir.resolve("service"), "--heap=256m", "--users=2",
                // Quick start over peak speed: this run proves the parts work, it measures nothing.
                "--service-jvm-args=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC "
                        + "-XX:StartFlightRecording=settings=profile,filename=" + recording,
                "--editors=4", "--profiles=2", "--think-ms=20", "--conflict-share=0.5",
                "--crowd-editors=6", "--crowd-think-ms=20",
                "--warm-up-seconds=0", "--seconds=1", "--samples=4", "--history-revisions=20",
                "--first-store-size=50", "--history-warm-up-seconds=0", "--store-sizes=2000"});

        JsonNode run = Api.JSON.valueToTree(Bench.run(options));

        for (JsonNode phase : run.path("phases")) {
            assertThat(phase.path("accepted").asLong()).as(phase.path("phase").asText()).isPositive();
            assertThat(phase.path("errors").asLong()).as(phase.path("firstError").asText()).isZero();
            assertThat(phase.path("deliveries").asLong()).isPositive();
            assertThat(phase.path("server").path("maxHeapUsedMiB").asDouble()).isPositive();
            assertThat(phase.path("server").path("cpuSecondsByThread")).isNotEmpty();
        }
        assertThat(run.path("phases").findValuesAsText("phase"))
                .containsExactly("paced", "flat-out", "paced-socket", "flat-out-socket", "crowd");
        assertThat(run.path("phases").findValuesAsText("transport"))
                .containsExactly("rest", "rest", "socket", "socket", "socket");
        assertThat(run.path("phases").path(4).path("profiles").asInt()).isEqualTo(1);
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
        assertThat(Files.readString(workDir.resolve("report.md"))).contains("Targets", "History at size",
                "Rebuild as the store grows", "Where the CPU goes", "flat-out-socket");
        assertThat(Api.JSON.readTree(workDir.resolve("report.json").toFile()).path("targets")).isNotEmpty();

        // The service wrote its flight recording when it stopped.
        CpuProfile.write(Options.parse(new String[]{"--jfr=" + recording, "--run=" + json,
                "--out=" + workDir.resolve("profile.md")}));
        String profile = Files.readString(workDir.resolve("profile.md"));
        assertThat(profile).contains("| layer (innermost frame) | paced | flat-out | paced-socket | flat-out-socket "
                + "| crowd |", "| thread (numbers taken out) |");
        String samples = profile.lines().filter(line -> line.startsWith("| samples |")).findFirst().orElseThrow();
        assertThat(samples.replaceAll("[^1-9]", "")).as(samples).isNotEmpty();
    }
}
