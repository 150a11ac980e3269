package io.palimpsest.problems;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests refused before Spring MVC's handlers answer a problem too, not Spring Boot's error JSON or Tomcat's page. */
class ContainerErrorsTest extends ServiceTest {

    @Test
    void aUrlTheFirewallRefusesIsABadRequestProblemThatSaysWhy() {
        ApiClient.Answer answer = as("rita").get("/api/profiles/acme/claims//history");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asText()).endsWith("/bad-request");
        assertThat(answer.json().get("detail").asText()).contains("\"//\"");
        assertThat(answer.json().get("instance").asText()).isEqualTo("/api/profiles/acme/claims//history");
    }

    @Test
    void aUrlTomcatRefusesItselfIsABadRequestProblemThatSaysWhy() {
        ApiClient.Answer answer = as("rita").get("/api/profiles/a%2Fb");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asText()).endsWith("/bad-request");
        assertThat(answer.json().get("detail").asText()).contains("encoded slash");
    }

    @Test
    void theErrorPageIsNotPartOfTheApiDescription() {
        ApiClient.Answer description = ApiClient.anonymous(baseUrl()).get("/v3/api-docs");

        assertThat(description.json().get("paths").has("/api/profiles")).isTrue();
        assertThat(description.json().get("paths").has("/error")).isFalse();
    }
}
