package io.palimpsest.api;

import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Base of the HTTP integration tests: the whole service on a random port over the embedded store in a
 * temporary directory (or, when {@code MONGODB_URI} is set, a fresh database on that MongoDB).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceTest {

    public static final String USERS = "alice:alice-pw:EDITOR,bob:bob-pw:EDITOR,carol:carol-pw:EDITOR,"
            + "rita:rita-pw:READER,ada:ada-pw:ADMIN";

    @TempDir
    static Path dataDir;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("palimpsest.storage.data-dir", () -> dataDir.toString());
        registry.add("palimpsest.storage.database", () -> "test-" + UUID.randomUUID());
        registry.add("palimpsest.users", () -> USERS);
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
