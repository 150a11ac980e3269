package io.palimpsest.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Several runs' JSON side by side: tables, ratios against ShareDB, and the targets met or missed. */
final class Report {

    private final List<JsonNode> runs;
    private final StringBuilder md = new StringBuilder();
    private final Map<String, Object> ratios = new LinkedHashMap<>();
    private final List<Map<String, Object>> targets = new ArrayList<>();

    private Report(List<JsonNode> runs) {
        this.runs = runs;
    }

    static void write(Options options) throws IOException {
        List<JsonNode> runs = new ArrayList<>();
        for (String input : options.text("inputs", "").split(",")) {
            runs.add(Api.JSON.readTree(Path.of(input).toFile()));
        }
        Report report = new Report(runs);
        report.compose();
        Path out = options.path("out", "bench/results/report");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(Path.of(out + ".md"), report.md);
        Bench.write(Path.of(out + ".json"), Map.of("runs", runs, "ratios", report.ratios, "targets", report.targets));
        System.out.print(report.md);
    }

    private void compose() {
        md.append("## Machine and load\n\n| run | started | load average before | load average after | cores |\n"
                + "|---|---|---|---|---|\n");
        for (JsonNode run : runs) {
            md.append(row(name(run), run.path("machine").path("time").asText(),
                    run.path("machine").path("loadAverage").asText(), run.path("machineAfter").path("loadAverage").asText(),
                    run.path("machine").path("cores").asText()));
        }
        JsonNode workload = runs.get(0).path("workload");
        md.append("\n## Editors: edit → every other editor of the profile\n\n").append(String.format(Locale.ROOT,
                "%d editors on %d profiles, conflict share %.0f %%, %d s warm-up (%d s before the first phase) then "
                        + "%d s measured per phase; "
                        + "paced = think time %d ms (± 50 %%), flat out = no think time. Latency in ms from the editor's "
                        + "acknowledgement (ack) or from sending the edit (send), to its arrival at each other editor.\n\n",
                workload.path("editors").asInt(), workload.path("profiles").asInt(),
                workload.path("conflictShare").asDouble() * 100, workload.path("warmUpSeconds").asInt(),
                workload.path("firstWarmUpSeconds").asInt(workload.path("warmUpSeconds").asInt()),
                workload.path("measuredSeconds").asInt(), workload.path("thinkMs").asInt()));
        md.append("| run | phase | accepted edits/s | conflicts | errors | delivered / expected | ack→others p50 | p95 "
                + "| p99 | max | send→others p99 | server CPU % of a core | load generator CPU % | heap max MiB "
                + "| RSS max MiB |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (JsonNode run : runs) {
            for (JsonNode phase : run.path("phases")) {
                JsonNode ack = phase.path("ackToOthers");
                JsonNode server = phase.path("server");
                md.append(row(name(run), phase.path("phase").asText(), phase.path("acceptedPerSecond").asText(),
                        phase.path("conflicts").asText(), phase.path("errors").asText(),
                        phase.path("deliveries").asText() + " / " + phase.path("expectedDeliveries").asText(),
                        ack.path("p50").asText(), ack.path("p95").asText(), ack.path("p99").asText(),
                        ack.path("max").asText(), phase.path("sendToOthers").path("p99").asText(),
                        server.path("cpuPercentOfOneCore").asText(), server.path("clientCpuPercentOfOneCore").asText(),
                        server.path("maxHeapUsedMiB").asText(),
                        server.path("maxRssMiB").asText()));
            }
        }
        compareWithShareDb();
        history();
        storeSizes();
        md.append("\n## Targets\n\n| target | run | measured | met |\n|---|---|---|---|\n");
        for (Map<String, Object> target : targets) {
            md.append(row(target.get("target"), target.get("run"), target.get("measured"),
                    (Boolean) target.get("met") ? "yes" : "**no**"));
        }
    }

    private void compareWithShareDb() {
        JsonNode peer = runs.stream().filter(r -> r.path("system").asText().equals("sharedb")).findFirst().orElse(null);
        if (peer == null) {
            return;
        }
        md.append("\n## Against ShareDB (ours ÷ ShareDB; latency: ShareDB ÷ ours, above 1 means we are faster)\n\n"
                + "| run | flat-out edits/s | paced edits/s | paced ack→others p99 | flat-out ack→others p99 |\n"
                + "|---|---|---|---|---|\n");
        for (JsonNode run : runs) {
            if (run == peer) {
                continue;
            }
            double flat = phase(run, "flat-out").path("acceptedPerSecond").asDouble()
                    / phase(peer, "flat-out").path("acceptedPerSecond").asDouble();
            double paced = phase(run, "paced").path("acceptedPerSecond").asDouble()
                    / phase(peer, "paced").path("acceptedPerSecond").asDouble();
            double pacedP99 = p99(peer, "paced") / p99(run, "paced");
            double flatP99 = p99(peer, "flat-out") / p99(run, "flat-out");
            ratios.put(name(run), Map.of("flatOutEditsPerSecond", round(flat), "pacedEditsPerSecond", round(paced),
                    "pacedP99ShareDbOverOurs", round(pacedP99), "flatOutP99ShareDbOverOurs", round(flatP99)));
            md.append(row(name(run), fmt(flat) + "×", fmt(paced) + "×", fmt(pacedP99) + "×", fmt(flatP99) + "×"));
            boolean memory = run.path("storage").asText().startsWith("in memory");
            double needed = memory ? 3 : 1;
            target("accepted edits/s ≥ " + (memory ? "3×" : "1×") + " ShareDB (flat out)", run, fmt(flat) + "×",
                    flat >= needed);
            target("edit → other editors p99 < 25 ms (paced)", run, fmt(p99(run, "paced")) + " ms",
                    p99(run, "paced") < 25);
            if (memory) {
                // The memory engine keeps the whole store, events and read models, in this heap.
                continue;
            }
            double heap = Math.max(phase(run, "paced").path("server").path("maxHeapUsedMiB").asDouble(),
                    phase(run, "flat-out").path("server").path("maxHeapUsedMiB").asDouble());
            target("heap < 512 MiB with " + run.path("workload").path("editors").asInt() + " editors", run,
                    fmt(heap) + " MiB used at most", heap < 512);
        }
    }

    private void history() {
        for (JsonNode run : runs) {
            JsonNode history = run.path("history");
            if (history.isMissingNode()) {
                continue;
            }
            JsonNode reads = history.path("reads");
            JsonNode rebuild = history.path("rebuild");
            md.append("\n## History at size (").append(name(run)).append(")\n\n")
                    .append(String.format(Locale.ROOT, "One profile filled to %d revisions by 8 writers at %s edits/s. "
                            + "Latency in ms, one request at a time.\n\n", reads.path("revisions").asLong(),
                            history.path("fillEditsPerSecond").asText()))
                    .append("| read | n | p50 | p95 | p99 | max | failures |\n|---|---|---|---|---|---|---|\n");
            for (String read : List.of("profileAsOf", "historyNewestPage", "historyRandomPage", "claimHistory", "blame")) {
                JsonNode timing = reads.path(read);
                JsonNode latency = timing.path("latency");
                md.append(row(read, latency.path("count").asText(), latency.path("p50").asText(),
                        latency.path("p95").asText(), latency.path("p99").asText(), latency.path("max").asText(),
                        timing.path("failures").asText()));
            }
            md.append(String.format(Locale.ROOT, "\nRebuild of every read model: %d events in %s s = **%s events/s** "
                            + "(service's own figure %s events/s).\n", rebuild.path("events").asLong(),
                    rebuild.path("seconds").asText(), rebuild.path("eventsPerSecond").asText(),
                    fmt(rebuild.path("serverRate").asDouble())));
            double asOfP99 = reads.path("profileAsOf").path("latency").path("p99").asDouble();
            target("profile as of any revision < 20 ms at " + reads.path("revisions").asLong() + " revisions (p99)",
                    run, fmt(asOfP99) + " ms", asOfP99 < 20 && reads.path("profileAsOf").path("failures").asLong() == 0);
            target("rebuild ≥ 50k events/s (" + rebuild.path("events").asLong() + " events)", run,
                    rebuild.path("eventsPerSecond").asText() + " events/s", rebuild.path("eventsPerSecond").asDouble() >= 50_000);
            md.append("\n### Cost as the store grows (").append(name(run)).append(")\n\n")
                    .append("| stored events | command p50 | command p99 | current profile p50 | p99 | as-of p50 | p99 |\n"
                            + "|---|---|---|---|---|---|---|\n");
            for (JsonNode point : run.path("growth")) {
                md.append(row(point.path("storedEvents").asText(),
                        point.path("command").path("latency").path("p50").asText(),
                        point.path("command").path("latency").path("p99").asText(),
                        point.path("currentProfile").path("latency").path("p50").asText(),
                        point.path("currentProfile").path("latency").path("p99").asText(),
                        point.path("profileAsOf").path("latency").path("p50").asText(),
                        point.path("profileAsOf").path("latency").path("p99").asText()));
            }
        }
    }

    private void storeSizes() {
        for (JsonNode run : runs) {
            if (run.path("storeSizes").isEmpty()) {
                continue;
            }
            md.append("\n## Rebuild as the store grows (").append(name(run)).append(")\n\n")
                    .append("The store grown by 16 writers flat out, each on a profile of its own; at each size a "
                            + "rebuild of every read model, from the request to the end.\n\n")
                    .append("| stored events | fill edits/s | rebuilt events | seconds | events/s | service's figure |\n"
                            + "|---|---|---|---|---|---|\n");
            for (JsonNode size : run.path("storeSizes")) {
                JsonNode rebuild = size.path("rebuild");
                // The editors' phases alone may have stored more than the size asked for: nothing was filled.
                String fill = size.path("fillEditsPerSecond").asDouble() == 0 ? "— (stored before this stage)"
                        : size.path("fillEditsPerSecond").asText();
                md.append(row(size.path("storedEvents").asText(), fill,
                        rebuild.path("events").asText(), rebuild.path("seconds").asText(),
                        rebuild.path("eventsPerSecond").asText(), fmt(rebuild.path("serverRate").asDouble())));
                target("rebuild ≥ 50k events/s (" + rebuild.path("events").asLong() + " events)", run,
                        rebuild.path("eventsPerSecond").asText() + " events/s",
                        rebuild.path("eventsPerSecond").asDouble() >= 50_000);
            }
        }
    }

    private void target(String target, JsonNode run, String measured, boolean met) {
        targets.add(Map.of("target", target, "run", name(run), "measured", measured, "met", met));
    }

    private static JsonNode phase(JsonNode run, String name) {
        for (JsonNode phase : run.path("phases")) {
            if (phase.path("phase").asText().equals(name)) {
                return phase;
            }
        }
        return Api.JSON.createObjectNode();
    }

    private static double p99(JsonNode run, String phase) {
        return phase(run, phase).path("ackToOthers").path("p99").asDouble();
    }

    private static String name(JsonNode run) {
        return run.path("system").asText() + " (" + run.path("storage").asText() + ")";
    }

    private static String row(Object... cells) {
        StringBuilder line = new StringBuilder("|");
        for (Object cell : cells) {
            line.append(' ').append(cell).append(" |");
        }
        return line.append('\n').toString();
    }

    private static double round(double value) {
        return Percentiles.round(value);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
