package io.palimpsest.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service as a separate operating-system process, so a test can stop it the way a crash does
 * (SIGKILL: no shutdown hooks, no final store commit) and start it again on the same data.
 * <p>
 * The service binds a port of its own choosing, read from its log: a port chosen here and freed before the service
 * binds it can meanwhile be taken by any other socket of a busy test run.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Pattern STARTED_ON = Pattern.compile("Tomcat started on port (\\d+)");

    private final Process process;
    private final Path log;
    /** Where this process's lines begin in the log, which a restart on the same data appends to. */
    private final long logStart;
    private int port;

    private ServiceProcess(Process process, Path log, long logStart) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    public static ServiceProcess start(Path dataDir, String database) throws IOException {
        return start(dataDir, database, List.of());
    }

    /** With further command-line arguments, e.g. {@code --palimpsest.storage.mongodb-uri=...} for a shared store. */
    public static ServiceProcess start(Path dataDir, String database, List<String> arguments) throws IOException {
        Files.createDirectories(dataDir);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "-Daxoniq.update-checker.disabled=true", "io.palimpsest.ProfileServiceApplication",
                "--server.port=0",
                "--palimpsest.storage.data-dir=" + dataDir,
                "--palimpsest.storage.database=" + database,
                "--palimpsest.users=" + ServiceTest.USERS,
                // Snapshot often, so a restarted node really loads profiles from snapshots.
                "--palimpsest.snapshot-every=3"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ServiceProcess service = new ServiceProcess(process, log, logStart);
        service.awaitHealthy(Duration.ofSeconds(90));
        return service;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The operating-system process, for what a benchmark measures of it (CPU time, memory). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** The CPU time the service process has used so far (all its threads). */
    public Duration cpuTime() {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("No CPU time known"));
    }

    public ApiClient as(String user) {
        return ApiClient.as(baseUrl(), user, user + "-pw");
    }

    /** Ends the process at once, as a power cut or OOM kill would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A clean stop: SIGTERM, so Spring shuts down gracefully. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service process exited with " + process.exitValue()
                        + "; the end of its log:\n" + tail(log));
            }
            try {
                if (port == 0) {
                    port = startedOn();
                }
                if (port != 0 && ApiClient.anonymous(baseUrl()).get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (IllegalStateException | IOException notYetListening) {
                // still starting
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("The service did not become healthy within " + timeout);
    }

    /** The port this process's Tomcat said it started on, 0 before it has. */
    private int startedOn() throws IOException {
        try (var in = Files.newInputStream(log)) {
            in.skipNBytes(logStart);
            Matcher started = STARTED_ON.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return started.find() ? Integer.parseInt(started.group(1)) : 0;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
