package io.palimpsest.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Presence on {@code /topic/profiles/{id}/presence}: join, update, leave on disconnect, silence timeout. */
class PresenceTest extends LiveTest {

    private static List<String> editors(JsonNode list) {
        return StreamSupport.stream(list.get("editors").spliterator(), false)
                .map(e -> e.get("editor").asText() + "@" + e.get("sectionId").asText() + "/" + e.get("claimId").asText())
                .toList();
    }

    @Test
    void editorsJoinMoveAndLeaveOnDisconnectAndEverySubscriberSeesIt() throws Exception {
        try (StompTestClient carol = connect("carol")) {
            StompTestClient.Received presence = carol.subscribe("/topic/profiles/joined/presence", null);
            assertThat(editors(presence.next())).isEmpty();

            StompTestClient alice = connect("alice");
            // The body cannot name another editor: the editor is the connection's principal.
            alice.send("/app/profiles/joined/presence", Map.of("sectionId", "intro", "claimId", "c1", "editor", "mallory"));
            assertThat(editors(presence.next())).containsExactly("alice@intro/c1");

            alice.send("/app/profiles/joined/presence", Map.of("sectionId", "people"));
            assertThat(editors(presence.next())).containsExactly("alice@people/null");

            try (StompTestClient bob = connect("bob")) {
                bob.send("/app/profiles/joined/presence", Map.of("sectionId", "intro", "claimId", "c2"));
                assertThat(editors(presence.first(l -> editors(l).size() == 2)))
                        .containsExactly("alice@people/null", "bob@intro/c2");

                alice.close();
                assertThat(editors(presence.first(l -> editors(l).size() == 1))).containsExactly("bob@intro/c2");
            }
            assertThat(editors(presence.first(l -> editors(l).isEmpty()))).isEmpty();
        }
    }

    @Test
    void anEditorWhoFallsSilentIsNoLongerPresentAfterTheTimeout() throws Exception {
        try (StompTestClient carol = connect("carol"); StompTestClient alice = connect("alice")) {
            StompTestClient.Received presence = carol.subscribe("/topic/profiles/silent/presence", null);
            assertThat(editors(presence.next())).isEmpty();

            alice.send("/app/profiles/silent/presence", Map.of("sectionId", "intro"));
            assertThat(editors(presence.next())).containsExactly("alice@intro/null");

            // alice stays connected but says nothing more
            assertThat(editors(presence.next())).isEmpty();
        }
    }

    @Test
    void aReaderMaySubscribeToChangesAndPresenceButNotAnnounceEditing() throws Exception {
        create(alice(), "read-only");
        try (StompTestClient rita = connect("rita"); StompTestClient carol = connect("carol")) {
            StompTestClient.Received changes = rita.subscribe("/topic/profiles/read-only", 0L);
            StompTestClient.Received ritasPresence = rita.subscribe("/topic/profiles/read-only/presence", null);
            assertThat(changes.next().get("type").asText()).isEqualTo("ProfileCreated");
            assertThat(editors(ritasPresence.next())).isEmpty();

            rita.send("/app/profiles/read-only/presence", Map.of("sectionId", "intro"));
            rita.awaitRefusal("role");

            StompTestClient.Received presence = carol.subscribe("/topic/profiles/read-only/presence", null);
            carol.send("/app/profiles/read-only/presence", Map.of("sectionId", "intro"));
            assertThat(editors(presence.first(l -> !editors(l).isEmpty()))).containsExactly("carol@intro/null");
        }
    }

    @Test
    void aMalformedAnnouncementIsRefusedAndChangesNothing() throws Exception {
        try (StompTestClient alice = connect("alice"); StompTestClient carol = connect("carol")) {
            alice.send("/app/profiles/malformed/presence", Map.of("sectionId", "not an id!"));
            alice.awaitRefusal("section id");

            StompTestClient.Received presence = carol.subscribe("/topic/profiles/malformed/presence", null);
            assertThat(editors(presence.next())).isEmpty();
        }
    }
}
