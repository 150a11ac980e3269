package io.palimpsest.security;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Security headers on every answer, refusals included, and no password in any log line. */
@ExtendWith(OutputCaptureExtension.class)
class ResponseHeadersAndLogsTest extends ServiceTest {

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        ApiClient anonymous = ApiClient.anonymous(baseUrl());
        List<ApiClient.Answer> answers = List.of(
                alice().post("/api/profiles", Map.of("name", "Headers Org " + System.nanoTime())),
                alice().get("/api/profiles"),
                alice().get("/api/profiles/no-such-profile"),
                alice().get("/api/profiles/Not_A_Slug"),
                as("rita").post("/api/profiles", Map.of("name", "Refused")),
                anonymous.get("/api/profiles"),
                anonymous.get("/actuator/health"));

        assertThat(answers).extracting(ApiClient.Answer::status).containsExactly(201, 200, 404, 400, 403, 401, 200);
        for (ApiClient.Answer answer : answers) {
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(answer.header("Cache-Control")).contains("no-store");
            assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(answer.header("Content-Security-Policy")).contains("frame-ancestors 'none'")
                    .contains("object-src 'none'");
        }
    }

    @Test
    void noPasswordAppearsInTheLogWhateverTheSignInDoes(CapturedOutput output) {
        ApiClient wrong = ApiClient.as(baseUrl(), "alice", "guessed-Secret-1");
        ApiClient unknown = ApiClient.as(baseUrl(), "mallory", "mallory-Secret-2");

        assertThat(alice().get("/api/profiles").status()).isEqualTo(200);
        assertThat(wrong.get("/api/profiles").status()).isEqualTo(401);
        assertThat(unknown.put("/api/profiles/x/facts/y", Map.of("value", "z")).status()).isEqualTo(401);

        assertThat(output.getAll()).doesNotContain("alice-pw").doesNotContain("guessed-Secret-1")
                .doesNotContain("mallory-Secret-2").doesNotContain("$2a$");
    }
}
