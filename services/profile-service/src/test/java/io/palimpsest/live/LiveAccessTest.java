package io.palimpsest.live;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may open the live endpoint and what a connection may subscribe to. */
class LiveAccessTest extends LiveTest {

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
