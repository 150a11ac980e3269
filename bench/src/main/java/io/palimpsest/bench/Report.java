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
        JsonNode crowd = runs.get(0).path("crowd");
        if (!crowd.isMissingNode()) {
            md.append(String.format(Locale.ROOT, "Crowd: %d editors on one profile, think time %d ms (± 50 %%), the "
                    + "same conflict share, warm-up and measured time; ours edit over the socket.\n\n",
                    crowd.path("editors").asInt(), crowd.path("thinkMs").asInt()));
        }
        md.append("Phases named *-socket send each edit as a STOMP SEND on the editor's connection and wait for its "
                + "answer on the user queue; the others send a REST call.\n\n");
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
        cpuByThread();
        compareWithShareDb();
        history();
        storeSizes();
        md.append("\n## Targets\n\n| target | run | measured | met |\n|---|---|---|---|\n");
        for (Map<String, Object> target : targets) {
            md.append(row(target.get("target"), target.get("run"), target.get("measured"),
                    (Boolean) target.get("met") ? "yes" : "**no**"));
        }
    }

    /** Where the service's CPU went in each phase of ours, per accepted edit, by group of threads. */
    private void cpuByThread() {
        md.append("\n## Where the CPU goes: the service's CPU per accepted edit, by group of threads\n\n"
                + "CPU time of each thread from /proc over the measured time, threads grouped by name (numbers "
                + "taken out, cut to the 15 characters Linux keeps), in ms per accepted edit; the eight busiest "
                + "groups.\n\n| run | phase | total ms/edit | busiest groups (ms/edit) |\n|---|---|---|---|\n");
        for (JsonNode run : runs) {
            for (JsonNode phase : run.path("phases")) {
                JsonNode threads = phase.path("server").path("cpuSecondsByThread");
                double accepted = phase.path("accepted").asDouble();
                if (threads.isMissingNode() || accepted == 0) {
                    continue;
                }
                double total = 0;
                List<String> busiest = new ArrayList<>();
                for (Map.Entry<String, JsonNode> group : threads.properties()) {
                    double perEdit = group.getValue().asDouble() * 1000 / accepted;
                    total += perEdit;
                    if (busiest.size() < 8) {
                        busiest.add("`" + group.getKey() + "` " + String.format(Locale.ROOT, "%.3f", perEdit));
                    }
                }
                md.append(row(name(run), phase.path("phase").asText(), String.format(Locale.ROOT, "%.3f", total),
                        String.join(", ", busiest)));
            }
        }
    }

    /**
     * Ours against each ShareDB run, and issue 28's targets: flat out over the socket, durable ≥ 1.5× ShareDB on
     * PostgreSQL and ≥ 1× ShareDB in memory, in memory ≥ 2× ShareDB in memory; ack → others p99 < 10 ms paced at
     * 200 editors on 20 profiles, p95 < 40 ms for the crowd on one profile; heap < 512 MiB durable.
     */
    private void compareWithShareDb() {
        List<JsonNode> peers = runs.stream().filter(Report::isShareDb).toList();
        md.append("\n## Against ShareDB (ours ÷ ShareDB; latency: ShareDB ÷ ours, above 1 means we are faster)\n\n"
                + "| run | against | flat-out edits/s, REST | flat-out edits/s, socket | paced ack→others p99, REST "
                + "| paced, socket | crowd ack→others p95 |\n|---|---|---|---|---|---|---|\n");
        for (JsonNode run : runs) {
            if (isShareDb(run)) {
                continue;
            }
            boolean memory = isInMemory(run);
            Map<String, Object> against = new LinkedHashMap<>();
            for (JsonNode peer : peers) {
                double rest = rate(run, "flat-out") / rate(peer, "flat-out");
                double socket = rate(run, "flat-out-socket") / rate(peer, "flat-out");
                double pacedRest = ack(peer, "paced", "p99") / ack(run, "paced", "p99");
                double pacedSocket = ack(peer, "paced", "p99") / ack(run, "paced-socket", "p99");
                double crowd = ack(peer, "crowd", "p95") / ack(run, "crowd", "p95");
                against.put(name(peer), Map.of("flatOutRest", round(rest), "flatOutSocket", round(socket),
                        "pacedP99ShareDbOverOursRest", round(pacedRest), "pacedP99ShareDbOverOursSocket",
                        round(pacedSocket), "crowdP95ShareDbOverOurs", round(crowd)));
                md.append(row(name(run), name(peer), fmt(rest) + "×", fmt(socket) + "×", fmt(pacedRest) + "×",
                        fmt(pacedSocket) + "×", fmt(crowd) + "×"));
                if (memory && !isInMemory(peer)) {
                    continue;
                }
                double needed = memory ? 2 : isInMemory(peer) ? 1 : 1.5;
                target("socket edits/s flat out ≥ " + fmt(needed) + "× " + name(peer), run, fmt(socket) + "×",
                        socket >= needed);
            }
            ratios.put(name(run), against);
            for (String phase : List.of("paced", "paced-socket")) {
                JsonNode workload = run.path("workload");
                double p99 = ack(run, phase, "p99");
                target("ack → other editors p99 < 10 ms, " + workload.path("editors").asInt() + " editors on "
                        + workload.path("profiles").asInt() + " profiles (" + phase + ")", run, fmt(p99) + " ms",
                        p99 < 10);
            }
            if (!run.path("crowd").isMissingNode()) {
                double p95 = ack(run, "crowd", "p95");
                target("ack → other editors p95 < 40 ms, " + run.path("crowd").path("editors").asInt()
                        + " editors on one profile (crowd)", run, fmt(p95) + " ms", p95 < 40);
            }
            if (memory) {
                // The memory engine keeps the whole store, events and read models, in this heap.
                continue;
            }
            double heap = 0;
            for (JsonNode phase : run.path("phases")) {
                if (!phase.path("phase").asText().equals("crowd")) {
                    heap = Math.max(heap, phase.path("server").path("maxHeapUsedMiB").asDouble());
                }
            }
            target("heap < 512 MiB with " + run.path("workload").path("editors").asInt() + " editors", run,
                    fmt(heap) + " MiB used at most", heap < 512);
        }
    }

    private static boolean isShareDb(JsonNode run) {
        return run.path("system").asText().equals("sharedb");
    }

    private static boolean isInMemory(JsonNode run) {
        return run.path("storage").asText().startsWith("in memory");
    }

    private static double rate(JsonNode run, String phase) {
        return phase(run, phase).path("acceptedPerSecond").asDouble();
    }

    private static double ack(JsonNode run, String phase, String percentile) {
        return phase(run, phase).path("ackToOthers").path(percentile).asDouble();
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
