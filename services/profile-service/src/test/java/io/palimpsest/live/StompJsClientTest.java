package io.palimpsest.live;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser STOMP client, {@code @stomp/stompjs}, subscribes and resumes against this service: the script in
 * {@code src/test/js} (its dependencies installed by the build's {@code npm ci}) run with Node's test runner.
 */
class StompJsClientTest extends LiveTest {

    private static final Path SCRIPTS = Path.of("src", "test", "js");

    @Test
    void theStompJsClientGetsChangesInOrderAndResumesAfterBeingAway() throws Exception {
        assertThat(SCRIPTS.resolve("node_modules/@stomp/stompjs")).as("npm ci has installed @stomp/stompjs")
                .exists();
        ProcessBuilder command = new ProcessBuilder("node", "--test", "stompjs.test.mjs")
                .directory(SCRIPTS.toFile())
                .redirectErrorStream(true);
        command.environment().put("PALIMPSEST_URL", baseUrl());
        Process node = command.start();
        try {
            node.getOutputStream().close();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor(2, TimeUnit.MINUTES)).as("node finished").isTrue();
            assertThat(node.exitValue()).as(output).isZero();
        } finally {
            node.destroyForcibly();
        }
    }
}
