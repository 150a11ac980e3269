package io.palimpsest.live;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The service with its live endpoint; presence expires after 3 s so the timeout can be seen in a test. */
@TestPropertySource(properties = {"palimpsest.live.presence-timeout=3s", "palimpsest.live.presence-poll=200ms"})
abstract class LiveTest extends ServiceTest {

    /** The HTTP status of a handshake the server refuses (the test fails if it accepts it). */
    int handshakeStatus(String authorization) {
        return handshakeStatus(authorization, null);
    }

    int handshakeStatus(String authorization, String origin) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        Throwable refused = catchThrowable(() -> builder
                .buildAsync(URI.create("ws://localhost:" + port + "/ws"), new WebSocket.Listener() {
                }).join().abort());
        assertThat(refused).isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
    }

    StompTestClient connect(String user) throws Exception {
        return StompTestClient.connect(baseUrl(), user);
    }

    static void create(ApiClient client, String profileId) {
        assertThat(client.post("/api/profiles", Map.of("id", profileId, "name", "Org " + profileId)).status())
                .isEqualTo(201);
    }

    /** Sets a fact and answers the revision the edit made. */
    static long setFact(ApiClient client, String profileId, String key, String value) {
        ApiClient.Answer answer = client.put("/api/profiles/" + profileId + "/facts/" + key,
                Map.of("value", value, "summary", "set " + key));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("revision").asLong();
    }
}
