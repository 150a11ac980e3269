package io.palimpsest.api;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service as a separate operating-system process, so a test can stop it the way a crash does
 * (SIGKILL: no shutdown hooks, no final store commit) and start it again on the same data.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ServiceProcess start(Path dataDir, String database) throws IOException {
        return start(dataDir, database, List.of());
    }

    /** With further command-line arguments, e.g. {@code --palimpsest.storage.mongodb-uri=...} for a shared store. */
    public static ServiceProcess start(Path dataDir, String database, List<String> arguments) throws IOException {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "-Daxoniq.update-checker.disabled=true", "io.palimpsest.ProfileServiceApplication",
                "--server.port=" + port,
                "--palimpsest.storage.data-dir=" + dataDir,
                "--palimpsest.storage.database=" + database,
                "--palimpsest.users=" + ServiceTest.USERS,
                // Snapshot often, so a restarted node really loads profiles from snapshots.
                "--palimpsest.snapshot-every=3"));
        command.addAll(arguments);
        Files.createDirectories(dataDir);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(dataDir.getFileName() + ".log")
                        .toFile()))
                .start();
        ServiceProcess service = new ServiceProcess(process, port);
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
                throw new IllegalStateException("The service process exited with " + process.exitValue());
            }
            try {
                if (ApiClient.anonymous(baseUrl()).get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYetListening) {
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
