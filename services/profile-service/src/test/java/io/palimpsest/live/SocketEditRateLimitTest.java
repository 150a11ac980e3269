package io.palimpsest.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A STOMP edit takes from the editor's bucket of edits as a REST write does: over it, the answer is a 429. */
@TestPropertySource(properties = {"palimpsest.limits.edit-burst=3", "palimpsest.limits.edits-per-second=0.1"})
class SocketEditRateLimitTest extends LiveTest {

    @Test
    void socketAndRestEditsShareTheEditorsLimitAndTheOneOverItIsAnswered429() throws Exception {
        create(as("carol"), "socket-throttled");
        assertThat(as("carol").put("/api/profiles/socket-throttled/facts/A", Map.of("value", "1")).status())
                .isEqualTo(200);
        try (StompTestClient carol = connect("carol")) {
            StompTestClient.Received answers = carol.subscribe("/user/queue/edits", null);
            carol.send("/app/profiles/socket-throttled/edits", Map.of("method", "PUT", "path", "facts/B",
                    "body", Map.of("value", "2", "commandId", "t-1")));
            assertThat(answers.next().get("revision").asLong()).isEqualTo(3);

            carol.send("/app/profiles/socket-throttled/edits", Map.of("method", "PUT", "path", "facts/C",
                    "body", Map.of("value", "3", "commandId", "t-2")));
            JsonNode problem = answers.next().get("problem");
            assertThat(problem.get("status").asInt()).isEqualTo(429);
            assertThat(problem.get("type").asText()).endsWith("/too-many-edits");
            assertThat(problem.get("retryAfter").asLong()).isBetween(1L, 10L);
        }
        assertThat(as("carol").put("/api/profiles/socket-throttled/facts/D", Map.of("value", "4")).status())
                .as("the socket edits took from the same bucket").isEqualTo(429);
        assertThat(alice().get("/api/profiles/socket-throttled?minRevision=3").json().get("revision").asLong())
                .isEqualTo(3);
    }
}
