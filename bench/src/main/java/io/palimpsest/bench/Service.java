package io.palimpsest.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A freshly started service process (the packaged jar) with benchmark settings: plain-text users, the edit rate
 * limit lifted so it never answers 429, and the metrics endpoint on for heap readings.
 */
final class Service implements AutoCloseable {

    static final String PASSWORD = "bench-pw";
    static final String ADMIN = "bench-admin";

    private final Process process;
    private final String baseUrl;

    private Service(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** {@code jvmArguments}: extra options for the service's JVM, blank-separated (e.g. a flight recording). */
    static Service start(Path jar, String engine, Path workDir, String heap, String jvmArguments, int users)
            throws IOException {
        Files.createDirectories(workDir);
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        String userList = IntStream.range(0, users).mapToObj(i -> editor(i) + ":" + PASSWORD + ":EDITOR")
                .collect(Collectors.joining(",")) + "," + ADMIN + ":" + PASSWORD + ":ADMIN";
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Daxoniq.update-checker.disabled=true"));
        if (!jvmArguments.isBlank()) {
            command.addAll(List.of(jvmArguments.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + port,
                "--palimpsest.storage.engine=" + engine,
                "--palimpsest.storage.data-dir=" + workDir.resolve("data"),
                "--palimpsest.users=" + userList,
                "--palimpsest.security.allow-plain-text-passwords=true",
                "--palimpsest.limits.edit-burst=100000000",
                "--palimpsest.limits.edits-per-second=100000000",
                "--management.endpoints.web.exposure.include=health,metrics"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("service.log").toFile()).start();
        Service service = new Service(process, "http://localhost:" + port);
        try {
            service.awaitHealthy(Duration.ofMinutes(3));
        } catch (RuntimeException notStarted) {
            process.destroyForcibly();
            throw notStarted;
        }
        return service;
    }

    static String editor(int index) {
        return "ed" + index;
    }

    Api as(HttpClient http, String user) {
        return new Api(http, baseUrl, user, PASSWORD);
    }

    long pid() {
        return process.pid();
    }

    private void awaitHealthy(Duration timeout) {
        Api anonymous = Api.anonymous(baseUrl);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited with " + process.exitValue() + "; see its log");
            }
            if (anonymous.get("/actuator/health").status() == 200) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException("The service did not become healthy within " + timeout);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
