package io.palimpsest.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.streams.WatchPush;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every cell of the STOMP table of docs/security.md: the handshake per role, and each frame and destination
 * per role, allowed (it takes effect) or refused (ERROR, then the connection ends; an edit: a 403 answer).
 */
class StompAccessMatrixTest extends LiveTest {

    private static final String PROFILE = "stomp-matrix";

    @BeforeEach
    void profileExists() {
        if (alice().get("/api/profiles/" + PROFILE).status() == 404) {
            create(alice(), PROFILE);
        }
    }

    @ParameterizedTest(name = "handshake as {0} is accepted")
    @ValueSource(strings = {"rita", "alice", "ada"})
    void everyRoleMayOpenTheLiveEndpoint(String user) throws Exception {
        try (StompTestClient client = connect(user)) {
            assertThat(client.subscribe("/topic/profiles/" + PROFILE + "/presence", null).next().has("editors"))
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "anonymous handshake is refused")
    @ValueSource(strings = "anonymous")
    void anAnonymousHandshakeIsRefused(String ignored) {
        assertThat(handshakeStatus(null)).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0} {1} as {2}: {3}")
    @CsvSource({
            "SUBSCRIBE, /topic/profiles/stomp-matrix, rita, ALLOWED, ",
            "SUBSCRIBE, /topic/profiles/stomp-matrix, alice, ALLOWED, ",
            "SUBSCRIBE, /topic/profiles/stomp-matrix, ada, ALLOWED, ",
            "SUBSCRIBE, /topic/profiles/stomp-matrix/presence, rita, ALLOWED, ",
            "SUBSCRIBE, /topic/profiles/stomp-matrix/presence, alice, ALLOWED, ",
            "SUBSCRIBE, /topic/profiles/stomp-matrix/presence, ada, ALLOWED, ",
            "SEND, /app/profiles/stomp-matrix/presence, rita, REFUSED, role",
            "SEND, /app/profiles/stomp-matrix/presence, alice, ALLOWED, ",
            "SEND, /app/profiles/stomp-matrix/presence, ada, ALLOWED, ",
            "SEND, /app/profiles/stomp-matrix/edits, rita, ANSWERED_403, ",
            "SEND, /app/profiles/stomp-matrix/edits, alice, ALLOWED, ",
            "SEND, /app/profiles/stomp-matrix/edits, ada, ALLOWED, ",
            "SUBSCRIBE, /user/queue/edits, rita, ALLOWED, ",
            "SUBSCRIBE, /user/queue/edits, alice, ALLOWED, ",
            "SUBSCRIBE, /user/queue/edits, ada, ALLOWED, ",
            "SUBSCRIBE, /user/queue/changes, rita, ALLOWED, ",
            "SUBSCRIBE, /user/queue/changes, alice, ALLOWED, ",
            "SUBSCRIBE, /user/queue/changes, ada, ALLOWED, ",
            "SUBSCRIBE, /queue/changes-user0, rita, REFUSED, Unknown destination",
            "SUBSCRIBE, /topic/everything, rita, REFUSED, Unknown destination",
            "SUBSCRIBE, /topic/everything, alice, REFUSED, Unknown destination",
            "SUBSCRIBE, /topic/everything, ada, REFUSED, Unknown destination",
            "SEND, /app/anything, rita, REFUSED, Unknown destination",
            "SEND, /app/anything, alice, REFUSED, Unknown destination",
            "SEND, /app/anything, ada, REFUSED, Unknown destination",
    })
    void everyStompCellHolds(String frame, String destination, String user, String expected, String reason)
            throws Exception {
        try (StompTestClient client = connect(user)) {
            if (destination.endsWith("/edits")) {
                assertEditCell(client, frame, user, expected);
            } else if (expected.equals("REFUSED")) {
                if (frame.equals("SEND")) {
                    client.send(destination, Map.of("sectionId", "intro"));
                } else {
                    client.subscribe(destination, null);
                }
                client.awaitRefusal(reason);
            } else if (frame.equals("SEND")) {
                StompTestClient.Received presence = client.subscribe(destination.replace("/app/", "/topic/"), null);
                client.send(destination, Map.of("sectionId", "intro"));
                assertThat(presence.first(list -> lists(list, user))).isNotNull();
            } else if (destination.equals(WatchPush.DESTINATION)) {
                assertThat(client.subscribe(destination, null).nothingWithin(1)).as("watches nothing yet").isTrue();
            } else if (destination.endsWith("/presence")) {
                assertThat(client.subscribe(destination, null).next().has("editors")).isTrue();
            } else {
                assertThat(client.subscribe(destination, 0L).next().get("type").asText()).isEqualTo("ProfileCreated");
            }
        }
    }

    /**
     * An edit is answered on the sender's queue either way: applied (a revision), or refused as REST refuses it (a
     * 403 problem); the subscription to the queue holds for every role.
     */
    private static void assertEditCell(StompTestClient client, String frame, String user, String expected)
            throws Exception {
        StompTestClient.Received answers = client.subscribe("/user/queue/edits", null);
        String commandId = UUID.randomUUID().toString();
        client.send("/app/profiles/" + PROFILE + "/edits", Map.of("method", "PUT", "path", "facts/Matrix",
                "body", Map.of("value", user, "commandId", commandId)));
        JsonNode answer = answers.next();
        if (frame.equals("SUBSCRIBE")) {
            assertThat(answer.get("commandId").asText()).isEqualTo(commandId);
        } else if (expected.equals("ALLOWED")) {
            assertThat(answer.get("revision").asLong()).as(answer.toString()).isPositive();
        } else {
            assertThat(answer.get("problem").get("status").asInt()).as(answer.toString()).isEqualTo(403);
        }
    }

    private static boolean lists(JsonNode presence, String user) {
        return StreamSupport.stream(presence.get("editors").spliterator(), false)
                .anyMatch(editor -> editor.get("editor").asText().equals(user));
    }
}
