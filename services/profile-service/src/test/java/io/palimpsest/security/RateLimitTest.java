package io.palimpsest.security;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Each editor's writes are rate-limited on their own; a throttled write answers 429 and appends nothing. */
@TestPropertySource(properties = {"palimpsest.limits.edit-burst=3", "palimpsest.limits.edits-per-second=0.1"})
class RateLimitTest extends ServiceTest {

    @Test
    void anEditorOverTheBurstGets429WithRetryAfterWhileOthersAndReadsGoOn() {
        String profile = "throttled-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient carol = as("carol");
        assertThat(carol.post("/api/profiles", Map.of("id", profile, "name", "Throttled")).status()).isEqualTo(201);
        assertThat(carol.put("/api/profiles/" + profile + "/facts/A", Map.of("value", "1")).status()).isEqualTo(200);
        assertThat(carol.put("/api/profiles/" + profile + "/facts/B", Map.of("value", "2")).status()).isEqualTo(200);

        ApiClient.Answer throttled = carol.put("/api/profiles/" + profile + "/facts/C", Map.of("value", "3"));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(throttled.json().get("detail").asText()).contains("carol");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 10L);
        assertThat(carol.get("/api/profiles/" + profile + "?minRevision=3").status()).isEqualTo(200);
        ApiClient.Answer byBob = as("bob").put("/api/profiles/" + profile + "/facts/D", Map.of("value", "4"));
        assertThat(byBob.status()).isEqualTo(200);
        assertThat(byBob.json().get("revision").asLong()).as("carol's throttled edit made no revision").isEqualTo(4);
    }
}
