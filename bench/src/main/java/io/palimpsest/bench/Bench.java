package io.palimpsest.bench;

import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load generator (docs/benchmarks.md). {@code run}: start the packaged service on the given store, set up the
 * profiles, run the editors paced and flat out, time history at size and a rebuild, grow the store to the given sizes
 * and time a rebuild at each, stop the service, write JSON.
 * {@code report}: put the JSON of several runs (ours and the ShareDB harness's) side by side in Markdown.
 * {@code profile}: where the service's CPU went in each phase of a run, from its flight recording ({@link CpuProfile}).
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !List.of("run", "report", "profile").contains(args[0])) {
            System.err.println("usage: bench run --service-jar=... [--engine=h2|memory] [--out=...] ... | "
                    + "bench report --inputs=a.json,b.json,... --out=report | "
                    + "bench profile --jfr=service.jfr --run=run.json --out=profile.md");
            System.exit(2);
        }
        Options options = Options.parse(java.util.Arrays.copyOfRange(args, 1, args.length));
        if (args[0].equals("run")) {
            Map<String, Object> result = run(options);
            write(options.path("out", "bench/results/palimpsest-" + options.text("engine", "h2") + ".json"), result);
        } else if (args[0].equals("report")) {
            Report.write(options);
        } else {
            CpuProfile.write(options);
        }
    }

    static Map<String, Object> run(Options options) throws Exception {
        String engine = options.text("engine", "h2");
        int users = options.number("users", 10);
        Workload workload = new Workload("bench-p", options.number("editors", 200), options.number("profiles", 20),
                options.number("think-ms", 1000), options.fraction("conflict-share", 0.2),
                options.number("first-warm-up-seconds", options.number("warm-up-seconds", 30)),
                options.number("warm-up-seconds", 30), options.number("seconds", 30));
        int samples = options.number("samples", 100);
        int historyRevisions = options.number("history-revisions", 10_000);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("system", "palimpsest");
        result.put("storage", engine.equals("memory") ? "in memory (mongo-java-server memory backend)"
                : "durable (embedded mongo-java-server, H2 MVStore, write-ahead log synced per group commit)");
        result.put("machine", Machine.describe());
        result.put("heapLimit", options.text("heap", "512m"));
        result.put("workload", workload.describe());
        LongAdder storedCommands = new LongAdder();
        List<Growth.Point> growth = new ArrayList<>();
        log("starting the service (" + engine + ")");
        try (Service service = Service.start(options.path("service-jar", "services/profile-service/target/"
                        + "profile-service-0.1.0-SNAPSHOT.jar"), engine,
                options.path("work-dir", "bench/target/run-" + engine), result.get("heapLimit").toString(),
                options.text("service-jvm-args", ""), users)) {
            Api admin = service.as(Api.newClient(), Service.ADMIN);
            Growth probe = new Growth(service, storedCommands);
            probe.setUp();
            probe.fillTo(options.number("first-store-size", 1_000));
            growth.add(probe.measure(samples));
            List<Editors.PhaseResult> phases = new ArrayList<>();
            try (Editors editors = new Editors(workload, service, users, storedCommands)) {
                log("setting up " + workload.profiles() + " profiles and " + workload.editors() + " editors");
                editors.setUp();
                for (Editors.Transport transport : Editors.Transport.values()) {
                    String suffix = transport == Editors.Transport.REST ? "" : "-socket";
                    phases.add(phase(editors, "paced" + suffix, workload.thinkMs(), transport, phases, workload,
                            service, admin));
                    phases.add(phase(editors, "flat-out" + suffix, 0, transport, phases, workload, service, admin));
                }
            }
            Workload crowd = workload.crowd(options.number("crowd-editors", 500),
                    options.number("crowd-think-ms", 10_000));
            if (crowd.editors() > 0) {
                result.put("crowd", crowd.describe());
                try (Editors editors = new Editors(crowd, service, users, storedCommands)) {
                    log("setting up the crowd: " + crowd.editors() + " editors on one profile");
                    editors.setUp();
                    phases.add(phase(editors, "crowd", crowd.thinkMs(), Editors.Transport.SOCKET, phases, crowd,
                            service, admin));
                }
            }
            result.put("phases", phases);
            growth.add(probe.measure(samples));
            if (historyRevisions > 0) {
                History history = new History(service, users, storedCommands);
                log("filling a profile to " + historyRevisions + " revisions");
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("fillEditsPerSecond", history.fill(historyRevisions));
                growth.add(probe.measure(samples));
                log("timing history reads");
                figures.put("reads", history.time(samples, Duration.ofSeconds(options.number("history-warm-up-seconds", 30))));
                log("rebuilding every read model");
                figures.put("rebuild", History.rebuild(service));
                result.put("history", figures);
            }
            List<Long> storeSizes = options.numbers("store-sizes");
            if (!storeSizes.isEmpty()) {
                List<StoreSizes.AtSize> atSizes = new StoreSizes(service, users, storedCommands).measure(storeSizes,
                        probe, samples);
                atSizes.forEach(atSize -> growth.add(atSize.cost()));
                result.put("storeSizes", atSizes);
            }
            result.put("growth", growth);
        }
        result.put("machineAfter", Machine.describe());
        return result;
    }

    private static Editors.PhaseResult phase(Editors editors, String name, int thinkMs, Editors.Transport transport,
                                             List<Editors.PhaseResult> before, Workload workload, Service service,
                                             Api admin) throws InterruptedException {
        int warmUp = before.isEmpty() ? workload.firstWarmUpSeconds() : workload.warmUpSeconds();
        log("phase " + name + " (" + warmUp + " s warm-up)");
        Editors.PhaseResult result = editors.run(name, thinkMs, warmUp, transport,
                () -> new ProcessSampler(service.pid(), admin));
        log(result.toString());
        return result;
    }

    static void write(Path file, Object value) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), value);
        log("wrote " + file);
    }

    static void log(String line) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
    }
}
