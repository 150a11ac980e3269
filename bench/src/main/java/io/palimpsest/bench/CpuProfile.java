package io.palimpsest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench profile --jfr=service.jfr --run=palimpsest-memory.json --out=profile.md}: where the service's Java
 * threads spent their CPU in each measured phase of a run, from the flight recording the service made during it
 * ({@code BENCH_SERVICE_JVM_ARGS=-XX:StartFlightRecording=settings=profile,filename=...}). Each execution sample is
 * put in the layer of its innermost frame that belongs to one ({@link #LAYERS}); JDK frames count for the code that
 * called them. The JVM's own threads (garbage collection, compilers) are not sampled by JFR: the run's per-thread
 * CPU table has them. A second table splits the samples by thread.
 */
final class CpuProfile {

    /** Layers by package prefix; the first of a frame's prefixes that matches names its layer. */
    private static final Map<String, String> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("de.bwaldvogel.mongo", "store: mongo-java-server");
        LAYERS.put("org.h2.", "store: H2 MVStore");
        LAYERS.put("com.mongodb.", "MongoDB driver");
        LAYERS.put("org.bson.", "MongoDB driver");
        LAYERS.put("io.netty.", "netty (the store's wire)");
        LAYERS.put("com.fasterxml.jackson.", "JSON (Jackson)");
        LAYERS.put("io.palimpsest.storage.", "our storage engine");
        LAYERS.put("io.palimpsest.", "our code: decisions, folds, read models, live push");
        LAYERS.put("org.axonframework.commandhandling.", "Axon: command bus");
        LAYERS.put("org.axonframework.modelling.", "Axon: aggregate loading");
        LAYERS.put("org.axonframework.eventhandling.", "Axon: event processors");
        LAYERS.put("org.axonframework.eventsourcing.", "Axon: event store");
        LAYERS.put("org.axonframework.serialization.", "Axon: serialization");
        LAYERS.put("org.axonframework.messaging.", "Axon: messaging (units of work, interceptors)");
        LAYERS.put("org.axonframework.", "Axon: other");
        LAYERS.put("org.springframework.security.", "Spring Security");
        LAYERS.put("org.springframework.messaging.", "Spring STOMP messaging");
        LAYERS.put("org.springframework.web.socket.", "Spring WebSocket");
        LAYERS.put("org.springframework.web.", "Spring MVC");
        LAYERS.put("org.apache.tomcat.websocket.", "Tomcat WebSocket");
        LAYERS.put("org.apache.", "Tomcat HTTP");
        LAYERS.put("org.springframework.", "Spring: other");
        LAYERS.put("io.micrometer.", "metrics (Micrometer)");
    }

    private CpuProfile() {
    }

    static void write(Options options) throws IOException {
        JsonNode run = Api.JSON.readTree(options.path("run", "bench/results/palimpsest-memory.json").toFile());
        List<JsonNode> phases = new ArrayList<>();
        run.path("phases").forEach(phases::add);
        List<Map<String, Integer>> counts = new ArrayList<>();
        List<Map<String, Integer>> threads = new ArrayList<>();
        phases.forEach(phase -> {
            counts.add(new LinkedHashMap<>());
            threads.add(new LinkedHashMap<>());
        });
        try (RecordingFile recording = new RecordingFile(options.path("jfr", "service.jfr"))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                int phase = phaseAt(phases, event.getStartTime());
                if (phase >= 0) {
                    counts.get(phase).merge(layerOf(event.getStackTrace().getFrames()), 1, Integer::sum);
                    threads.get(phase).merge(event.getThread("sampledThread").getJavaName().replaceAll("\\d+", "N"),
                            1, Integer::sum);
                }
            }
        }
        String markdown = table("layer (innermost frame)", layers(), phases, counts) + "\n"
                + table("thread (numbers taken out)", busiest(threads, 14), phases, threads);
        Path out = options.path("out", "bench/results/profile.md");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, markdown);
        System.out.print(markdown);
    }

    private static int phaseAt(List<JsonNode> phases, Instant time) {
        for (int i = 0; i < phases.size(); i++) {
            JsonNode phase = phases.get(i);
            if (!phase.path("measuredFrom").isTextual()) {
                continue;
            }
            if (!time.isBefore(Instant.parse(phase.path("measuredFrom").asText()))
                    && time.isBefore(Instant.parse(phase.path("measuredUntil").asText()))) {
                return i;
            }
        }
        return -1;
    }

    private static String layerOf(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> layer : LAYERS.entrySet()) {
                if (type.startsWith(layer.getKey())) {
                    return layer.getValue();
                }
            }
        }
        return "JDK only (threads, I/O, locks)";
    }

    private static List<String> layers() {
        List<String> layers = new ArrayList<>(new LinkedHashSet<>(LAYERS.values()));
        layers.add("JDK only (threads, I/O, locks)");
        return layers;
    }

    /** The keys with the most samples over all phases. */
    private static List<String> busiest(List<Map<String, Integer>> counts, int limit) {
        Map<String, Integer> all = new HashMap<>();
        counts.forEach(phase -> phase.forEach((key, count) -> all.merge(key, count, Integer::sum)));
        return all.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    /** One column per phase: each row's share of the phase's samples, and the number of samples. */
    private static String table(String heading, List<String> rows, List<JsonNode> phases,
                                List<Map<String, Integer>> counts) {
        StringBuilder md = new StringBuilder("| " + heading + " |");
        StringBuilder rule = new StringBuilder("|---|");
        for (JsonNode phase : phases) {
            md.append(' ').append(phase.path("phase").asText()).append(" |");
            rule.append("---|");
        }
        md.append('\n').append(rule).append('\n');
        for (String layer : rows) {
            md.append("| ").append(layer).append(" |");
            for (Map<String, Integer> phase : counts) {
                int total = phase.values().stream().mapToInt(Integer::intValue).sum();
                md.append(String.format(Locale.ROOT, " %.1f %% |",
                        total == 0 ? 0 : 100.0 * phase.getOrDefault(layer, 0) / total));
            }
            md.append('\n');
        }
        md.append("| samples |");
        counts.forEach(phase -> md.append(' ').append(phase.values().stream().mapToInt(Integer::intValue).sum())
                .append(" |"));
        return md.append('\n').toString();
    }
}
