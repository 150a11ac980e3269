package io.palimpsest.security;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import io.palimpsest.editors.EditorNames;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The editor stored with every event is the signed-in principal, whatever else the request says. */
class AuthorshipTest extends ServiceTest {

    @Autowired
    EventStore events;

    @Autowired
    EditorNames editors;

    private List<String> editorsOf(String profileId) {
        return events.readEvents(profileId, 0).asStream().map(DomainEventMessage::getMetaData)
                .map(editors::of).toList();
    }

    @Test
    void headersNamingAnotherEditorChangeNothing() throws Exception {
        String profile = "authorship-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", profile, "name", "Authorship")).status()).isEqualTo(201);
        HttpResponse<String> withHeaders = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/api/profiles/" + profile + "/facts/HQ"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .header("X-Editor", "mallory").header("X-Forwarded-User", "mallory").header("X-Remote-User", "mallory")
                .header("From", "mallory@example.org")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"Beijing\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withHeaders.statusCode()).isEqualTo(200);

        assertThat(editorsOf(profile)).hasSize(2).containsOnly("alice");
    }

    @Test
    void aBodyOrQueryParameterNamingAnEditorIsRefusedAndWritesNothing() {
        String profile = "authorship-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", profile, "name", "Two Editors")).status()).isEqualTo(201);
        ApiClient bob = bob();

        ApiClient.Answer inTheBody = bob.put("/api/profiles/" + profile + "/facts/Founded",
                Map.of("value", "2021", "editor", "alice"));
        ApiClient.Answer inTheQuery = bob.put("/api/profiles/" + profile + "/facts/Founded?editor=alice",
                Map.of("value", "2021"));
        ApiClient.Answer asAuthor = bob.put("/api/profiles/" + profile + "/facts/Founded",
                Map.of("value", "2021", "author", "alice"));

        assertThat(inTheBody.status()).isEqualTo(400);
        assertThat(inTheBody.json().get("detail").asText()).contains("the signed-in user");
        assertThat(asAuthor.status()).isEqualTo(400);
        assertThat(inTheQuery.status()).isEqualTo(400);
        assertThat(editorsOf(profile)).containsExactly("alice");
    }
}
