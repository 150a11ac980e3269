package io.palimpsest.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.ProfileCommand.SetFact;
import io.palimpsest.model.api.EditResult;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read models are built asynchronously, yet a client that reads after its edit was acknowledged sees the edit,
 * without naming the revision: each read waits until its read model holds what this node acknowledged.
 */
class ReadYourWritesTest extends ServiceTest {

    private static final List<String> READ_MODELS = List.of("current-profiles", "history");

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    CommandGateway commands;

    private String profile;

    @BeforeEach
    void createProfile() {
        profile = "/api/profiles/acme-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", profile.substring(14), "name", "Acme")).status())
                .isEqualTo(201);
    }

    @AfterEach
    void startReadModels() {
        READ_MODELS.stream().map(this::processor).filter(p -> !p.isRunning()).forEach(StreamingEventProcessor::start);
    }

    @Test
    void readsAfterAnAcknowledgedEditWaitUntilTheReadModelsHoldIt() throws Exception {
        READ_MODELS.forEach(name -> processor(name).shutDown());
        ApiClient.Answer edit = bob().put(profile + "/facts/Founded", Map.of("value", "1999", "summary", "year"));
        assertThat(edit.status()).isEqualTo(200);
        long revision = edit.json().get("revision").asLong();

        Map<String, CompletableFuture<ApiClient.Answer>> reads = new LinkedHashMap<>();
        for (String path : List.of(profile, profile + "/history", profile + "/blame", "/api/profiles",
                "/api/audit?editor=bob")) {
            reads.put(path, CompletableFuture.supplyAsync(() -> alice().get(path)));
        }
        Thread.sleep(300);
        assertThat(reads.values()).noneMatch(CompletableFuture::isDone);

        READ_MODELS.forEach(name -> processor(name).start());

        JsonNode current = reads.get(profile).get().json();
        assertThat(current.get("revision").asLong()).isEqualTo(revision);
        assertThat(current.at("/facts/0/value").asText()).isEqualTo("1999");
        assertThat(reads.get(profile + "/history").get().json().get("revision").asLong()).isEqualTo(revision);
        assertThat(reads.get(profile + "/blame").get().json().get("revision").asLong()).isEqualTo(revision);
        assertThat(StreamSupport.stream(reads.get("/api/profiles").get().json().spliterator(), false)
                .filter(p -> profile.endsWith("/" + p.get("id").asText())).findFirst().orElseThrow()
                .get("revision").asLong()).isEqualTo(revision);
        assertThat(reads.get("/api/audit?editor=bob").get().json().get("entries").findValuesAsText("summary"))
                .contains("year");
    }

    @Test
    void aReadModelThatDoesNotCatchUpInTimeIsAnsweredWithRetryAfter() {
        processor("current-profiles").shutDown();
        assertThat(bob().put(profile + "/facts/Founded", Map.of("value", "1999")).status()).isEqualTo(200);

        ApiClient.Answer read = alice().get(profile);

        assertThat(read.status()).isEqualTo(503);
        assertThat(read.header("Retry-After")).isNotBlank();
        assertThat(read.json().get("type").asText()).endsWith("/not-yet-projected");
    }

    @Test
    void aHistoryReadNamingARevisionMadeThroughAnotherNodeWaitsForIt() throws Exception {
        processor("history").shutDown();
        // Sent on the command bus directly, as another node would: this node did not acknowledge it.
        EditResult elsewhere = commands.sendAndWait(GenericCommandMessage.asCommandMessage(new SetFact(profile.substring(14), EditNote.unbased("from elsewhere", null), "Founded", "1999"))
                .andMetaData(Map.of("editor", "bob")));
        CompletableFuture<ApiClient.Answer> read = CompletableFuture.supplyAsync(() ->
                alice().get(profile + "/history?minRevision=" + elsewhere.revision()));
        Thread.sleep(300);
        assertThat(read).isNotDone();

        processor("history").start();

        assertThat(read.get().json().get("revision").asLong()).isEqualTo(elsewhere.revision());
        assertThat(alice().get(profile + "/blame?minRevision=0").status()).isEqualTo(400);
        assertThat(alice().get(profile + "?minRevision=-1").json().get("detail").asText()).contains("minRevision");
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }
}
