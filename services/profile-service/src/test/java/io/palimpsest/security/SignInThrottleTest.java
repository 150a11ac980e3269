package io.palimpsest.security;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Password guessing over Basic is throttled per user and address; successful sign-ins are never counted. */
@TestPropertySource(properties = {"palimpsest.limits.failed-sign-in-burst=3",
        "palimpsest.limits.failed-sign-ins-per-minute=1"})
class SignInThrottleTest extends ServiceTest {

    @Test
    void guessesOverTheBurstAreRefusedWith429BeforeAnyPasswordIsCheckedTheRightOneIncluded() {
        ApiClient guesser = ApiClient.as(baseUrl(), "carol", "guess");
        for (int guess = 0; guess < 3; guess++) {
            assertThat(guesser.get("/api/profiles").status()).isEqualTo(401);
        }

        ApiClient.Answer throttled = guesser.get("/api/profiles");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(throttled.json().get("type").asText()).endsWith("/too-many-failed-sign-ins");
        assertThat(throttled.json().get("detail").asText()).contains("'carol'");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(as("carol").get("/api/profiles").status()).isEqualTo(429);
        assertThat(as("bob").get("/api/profiles").status()).isEqualTo(200);
    }

    @Test
    void successfulSignInsAreNotCounted() {
        for (int request = 0; request < 10; request++) {
            assertThat(as("rita").get("/api/profiles").status()).isEqualTo(200);
        }
    }
}
