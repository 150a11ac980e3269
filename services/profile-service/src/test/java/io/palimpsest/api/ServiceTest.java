package io.palimpsest.api;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Base of the HTTP integration tests: the whole service on a random port over the embedded store in a
 * temporary directory (or, when {@code MONGODB_URI} is set, a fresh database on that MongoDB).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceTest {

    /** Each user's password is "{@code <name>-pw}", configured as a bcrypt hash as in production. */
    public static final String USERS = String.join(",", user("alice", "EDITOR"), user("bob", "EDITOR"),
            user("carol", "EDITOR"), user("rita", "READER"), user("vera", "REVIEWER"), user("ada", "ADMIN"));

    @LocalServerPort
    protected int port;

    /** Runs once per test context, as it is created. */
    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        Path dataDir = newDataDir();
        registry.add("palimpsest.storage.data-dir", dataDir::toString);
        registry.add("palimpsest.storage.database", () -> "test-" + UUID.randomUUID());
        registry.add("palimpsest.users", () -> USERS);
    }

    /**
     * A directory of the context's own that lives as long as the JVM: test contexts are cached and shared by later
     * test classes, and a class's {@code @TempDir} was deleted when that class ended, under a context still in use
     * (its write-ahead log could no longer start a file: "Checkpoint … failed" in the logs of every later class).
     */
    private static Path newDataDir() {
        try {
            Path dir = Files.createTempDirectory("palimpsest-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(dir.toFile())));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a data directory for a test context", e);
        }
    }

    private static String user(String name, String role) {
        // Cost 4: the cheapest bcrypt, so test contexts start fast; production hashes use 10 or more.
        return name + ":{bcrypt}" + new BCryptPasswordEncoder(4).encode(name + "-pw") + ":" + role;
    }

    /** A short wait between polls of an eventually consistent read model. */
    protected static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected ApiClient as(String user) {
        return ApiClient.as(baseUrl(), user, user + "-pw");
    }

    protected ApiClient alice() {
        return as("alice");
    }

    protected ApiClient bob() {
        return as("bob");
    }
}
