package io.palimpsest.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.model.api.EditCall;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Edits sent as STOMP frames to /app/profiles/{id}/edits, answered on /user/queue/edits as their REST calls. */
class SocketEditsTest extends LiveTest {

    private static String newProfile(ApiClient client) {
        String profile = "socket-" + UUID.randomUUID().toString().substring(0, 8);
        create(client, profile);
        return profile;
    }

    private static String edits(String profile) {
        return "/app/profiles/" + profile + "/edits";
    }

    /** An edit as its REST call: the method, the path below the profile, the REST body. */
    private static EditCall edit(String method, String path, Map<String, Object> body) {
        return new EditCall(method, path, body);
    }

    @Test
    void anEditIsAnsweredWithItsRevisionAndPushedToTheProfilesSubscribers() throws Exception {
        String profile = newProfile(alice());
        try (StompTestClient editor = connect("alice"); StompTestClient watcher = connect("bob")) {
            StompTestClient.Received changes = watcher.subscribe(LiveDestination.changes(profile), 0L);
            assertThat(changes.next().get("type").asText()).isEqualTo("ProfileCreated");
            StompTestClient.Received answers = editor.subscribe("/user/queue/edits", null);

            editor.send(edits(profile), edit("PUT", "facts/HQ", Map.of("value", "London", "summary", "where",
                    "commandId", "socket-1")));

            JsonNode answer = answers.next();
            assertThat(answer.get("commandId").asText()).isEqualTo("socket-1");
            assertThat(answer.get("profileId").asText()).isEqualTo(profile);
            assertThat(answer.get("revision").asLong()).isEqualTo(2);
            assertThat(answer.get("problem").isNull()).isTrue();
            JsonNode pushed = changes.next();
            assertThat(pushed.get("type").asText()).isEqualTo("FactSet");
            assertThat(pushed.get("revision").asLong()).isEqualTo(2);
            assertThat(pushed.get("editor").asText()).isEqualTo("alice");
            assertThat(pushed.get("summary").asText()).isEqualTo("where");
        }
    }

    @Test
    void anEditThatCreatesAnswersTheIdItCreated() throws Exception {
        String profile = newProfile(alice());
        try (StompTestClient editor = connect("alice")) {
            StompTestClient.Received answers = editor.subscribe("/user/queue/edits", null);
            editor.send(edits(profile), edit("POST", "sections", Map.of("title", "Key people", "commandId", "s-2")));
            JsonNode answer = answers.next();
            assertThat(answer.get("createdId").asText()).isEqualTo("key-people");
            assertThat(answer.get("createdIds").get(0).asText()).isEqualTo("key-people");
        }
    }

    @Test
    void aConflictingEditIsAnsweredWithTheRestProblemCurrentTextAndEditor() throws Exception {
        String profile = newProfile(alice());
        long base = addClaim(profile, "The quick brown fox jumps over the lazy dog.");
        assertThat(bob().put("/api/profiles/" + profile + "/claims/c1", Map.of("text",
                "The quick brown cat jumps over the lazy dog.", "baseRevision", base)).status()).isEqualTo(200);
        try (StompTestClient editor = connect("alice")) {
            StompTestClient.Received answers = editor.subscribe("/user/queue/edits", null);
            editor.send(edits(profile), edit("PUT", "claims/c1", Map.of("text",
                    "The quick brown wolf jumps over the lazy dog.", "baseRevision", base, "commandId", "late")));

            JsonNode answer = answers.next();
            assertThat(answer.get("commandId").asText()).isEqualTo("late");
            assertThat(answer.get("revision").isNull()).isTrue();
            JsonNode problem = answer.get("problem");
            assertThat(problem.get("status").asInt()).isEqualTo(409);
            assertThat(problem.get("type").asText()).endsWith("/conflict");
            assertThat(problem.get("currentText").asText()).isEqualTo("The quick brown cat jumps over the lazy dog.");
            assertThat(problem.get("changedBy").asText()).isEqualTo("bob");
            assertThat(problem.get("instance").asText()).isEqualTo("/api/profiles/" + profile + "/claims/c1");
        }
    }

    @Test
    void aReaderIsAnsweredForbiddenAndKeepsItsConnection() throws Exception {
        String profile = newProfile(alice());
        try (StompTestClient reader = connect("rita")) {
            StompTestClient.Received answers = reader.subscribe("/user/queue/edits", null);
            reader.send(edits(profile), edit("PUT", "facts/HQ", Map.of("value", "x", "commandId", "r-1")));

            JsonNode problem = answers.next().get("problem");
            assertThat(problem.get("status").asInt()).isEqualTo(403);
            assertThat(problem.get("detail").asText())
                    .isEqualTo("This needs the role EDITOR; you are signed in as READER");
            assertThat(reader.subscribe(LiveDestination.changes(profile), 0L).next().get("type").asText())
                    .as("the connection is still open").isEqualTo("ProfileCreated");
        }
        assertThat(alice().get("/api/profiles/" + profile).json().get("revision").asLong()).isEqualTo(1);
    }

    @Test
    void aBadEditIsAnsweredWithTheBadRequestRestWouldGive() throws Exception {
        String profile = newProfile(alice());
        try (StompTestClient editor = connect("alice")) {
            StompTestClient.Received answers = editor.subscribe("/user/queue/edits", null);

            editor.send(edits(profile), edit("PUT", "facts/HQ", Map.of("valu", "x", "commandId", "bad-1")));
            JsonNode unknownField = answers.next();
            assertThat(unknownField.get("commandId").asText()).isEqualTo("bad-1");
            assertThat(unknownField.get("problem").get("status").asInt()).isEqualTo(400);
            assertThat(unknownField.get("problem").get("detail").asText())
                    .startsWith("'/body/valu' is not a field of this request");

            editor.send(edits(profile), edit("PUT", "facts/HQ", Map.of("value", "x")));
            assertThat(answers.next().get("problem").get("detail").asText()).isEqualTo("'commandId' is required");

            editor.send(edits(profile), edit("PATCH", "facts/HQ", Map.of("value", "x", "commandId", "bad-3")));
            assertThat(answers.next().get("problem").get("detail").asText()).startsWith("No edit PATCH 'facts/HQ'");

            editor.send(edits(profile), edit("PUT", "claims/c 1", Map.of("text", "x", "baseRevision", 1,
                    "commandId", "bad-4")));
            assertThat(answers.next().get("problem").get("detail").asText()).contains("is not a valid claim id");

            editor.sendRaw(edits(profile), "{\"method\": ".getBytes(StandardCharsets.UTF_8));
            JsonNode malformed = answers.next();
            assertThat(malformed.get("commandId").isNull()).isTrue();
            assertThat(malformed.get("problem").get("detail").asText()).startsWith("Malformed JSON at line 1");

            editor.send(edits(profile), edit("PUT", "facts/HQ", Map.of("value", "bell\u0007", "commandId", "bad-5")));
            assertThat(answers.next().get("problem").get("detail").asText()).contains("control character");
        }
        assertThat(alice().get("/api/profiles/" + profile).json().get("revision").asLong()).isEqualTo(1);
    }

    @Test
    void aReceiptFollowsTheAnswerAndNamesTheFrame() throws Exception {
        String profile = newProfile(alice());
        try (StompTestClient editor = connect("alice")) {
            StompTestClient.Received answers = editor.subscribe("/user/queue/edits", null);
            CountDownLatch receipt = editor.sendWithReceipt(edits(profile),
                    edit("PUT", "facts/HQ", Map.of("value", "Oslo", "commandId", "with-receipt")), "r-7");

            assertThat(receipt.await(20, TimeUnit.SECONDS)).as("RECEIPT r-7").isTrue();
            JsonNode answer = answers.next();
            assertThat(answer.get("receiptId").asText()).isEqualTo("r-7");
            assertThat(answer.get("revision").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aRetryAfterReconnectingGetsTheFirstAnswerAndTheEditIsAppliedOnce() throws Exception {
        String profile = newProfile(alice());
        EditCall addSection = edit("POST", "sections", Map.of("title", "Funding", "commandId", "once"));
        JsonNode first;
        try (StompTestClient editor = connect("alice")) {
            StompTestClient.Received answers = editor.subscribe("/user/queue/edits", null);
            editor.send(edits(profile), addSection);
            first = answers.next();
        }
        try (StompTestClient again = connect("alice")) {
            StompTestClient.Received answers = again.subscribe("/user/queue/edits", null);
            again.send(edits(profile), addSection);
            JsonNode retried = answers.next();
            assertThat(retried.get("revision").asLong()).isEqualTo(first.get("revision").asLong()).isEqualTo(2);
            assertThat(retried.get("createdIds")).isEqualTo(first.get("createdIds"));
            assertThat(retried.get("createdId").asText()).isEqualTo("funding");
        }
        assertThat(alice().get("/api/profiles/" + profile).json().get("revision").asLong()).isEqualTo(2);
    }

    @Test
    void anEditWhoseConnectionWasLostBeforeItsAnswerIsAppliedOnceWhenRetried() throws Exception {
        String profile = newProfile(alice());
        EditCall setFact = edit("PUT", "facts/Lost", Map.of("value", "found", "commandId", "lost-1"));
        try (StompTestClient editor = connect("alice")) {
            editor.send(edits(profile), setFact); // closed at once, without waiting for the answer
        }
        try (StompTestClient again = connect("alice")) {
            StompTestClient.Received answers = again.subscribe("/user/queue/edits", null);
            again.send(edits(profile), setFact);
            assertThat(answers.next().get("revision").asLong()).isEqualTo(2);
        }
        assertThat(alice().get("/api/profiles/" + profile).json().get("revision").asLong())
                .as("one revision, whether the first send or the retry applied it").isEqualTo(2);
    }

    @Test
    void aBatchOfChangesCanBeSentOverTheSocket() throws Exception {
        String profile = newProfile(alice());
        try (StompTestClient editor = connect("alice")) {
            StompTestClient.Received answers = editor.subscribe("/user/queue/edits", null);
            editor.send(edits(profile), edit("POST", "changes", Map.of("commandId", "batch-s", "summary", "both",
                    "changes", List.of(edit("POST", "sections", Map.of("id", "people", "title", "People")),
                            edit("POST", "sections/people/claims", Map.of("kind", "BULLET", "text", "Ada."))))));
            JsonNode answer = answers.next();
            assertThat(answer.get("revision").asLong()).isEqualTo(2);
            assertThat(answer.get("createdIds").toString()).isEqualTo("[\"people\",\"c1\"]");
        }
    }

    /** Adds claim c1 to a new section and answers the revision that made it. */
    private long addClaim(String profile, String text) {
        assertThat(alice().post("/api/profiles/" + profile + "/sections", Map.of("id", "s", "title", "S")).status())
                .isEqualTo(201);
        ApiClient.Answer added = alice().post("/api/profiles/" + profile + "/sections/s/claims",
                Map.of("kind", "PARAGRAPH", "text", text));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return added.json().get("revision").asLong();
    }
}
