package io.palimpsest.live;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Who may open the live endpoint and what a connection may subscribe to. */
class LiveAccessTest extends LiveTest {

    private int handshakeStatus(String authorization) {
        return handshakeStatus(authorization, null);
    }

    private int handshakeStatus(String authorization, String origin) {
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

    @Test
    void aHandshakeWithoutCredentialsIsRefusedWith401() {
        assertThat(handshakeStatus(null)).isEqualTo(401);
    }

    @Test
    void aHandshakeWithAWrongPasswordIsRefusedWith401() {
        assertThat(handshakeStatus("Basic " + Base64.getEncoder()
                .encodeToString("alice:wrong".getBytes(StandardCharsets.UTF_8)))).isEqualTo(401);
    }

    @Test
    void aBrowserHandshakeFromAnotherSiteIsRefusedEvenWithCredentials() {
        assertThat(handshakeStatus("Basic " + Base64.getEncoder()
                .encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8)), "https://evil.example"))
                .isEqualTo(403);
    }

    @Test
    void onlyProfileChangesAndPresenceCanBeSubscribedTo() throws Exception {
        try (StompTestClient carol = connect("carol")) {
            carol.subscribe("/topic/everything", null);
            carol.awaitRefusal("Unknown destination");
        }
    }

    @Test
    void aProfileIdThatIsNotAnIdIsRefused() throws Exception {
        try (StompTestClient carol = connect("carol")) {
            carol.subscribe("/topic/profiles/Not_An_Id", null);
            carol.awaitRefusal("not a profile id");
        }
    }
}
