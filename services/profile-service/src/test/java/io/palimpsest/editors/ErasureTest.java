package io.palimpsest.editors;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import io.palimpsest.operations.Backups;
import io.palimpsest.storage.MongoEventStorageEngine;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An erased editor's name is gone from every answer and every stored document, their edits stay under a pseudonym,
 * and the other editors keep their names. A context of its own (snapshots every 3 events, so some exist to drop):
 * the erasure rebuilds the read models and erases carol, whom other test classes edit as.
 */
@TestPropertySource(properties = "palimpsest.snapshot-every=3")
class ErasureTest extends ServiceTest {

    private static final String P = "erasure-institute";
    private static final String ERASED = "carol";

    @Autowired
    @Qualifier("eventLogDatabase")
    MongoDatabase eventLog;

    @Autowired
    @Qualifier("readModelDatabase")
    MongoDatabase readModels;

    @Autowired
    Backups backups;

    @Autowired
    MongoEventStorageEngine engine;

    @Autowired
    PlainEditorNames plainNames;

    @Autowired
    EditorNames editors;

    @Test
    void anErasedEditorShowsAPseudonymEverywhereAndTheirNameIsInNoStoredDocumentNorLaterBackup() throws Exception {
        ApiClient carol = as(ERASED);
        ApiClient ada = as("ada");
        assertThat(alice().post("/api/profiles", Map.of("id", P, "name", "Erasure Institute")).status()).isEqualTo(201);
        edit(carol, "/facts/Founded", "1999");
        edit(alice(), "/facts/HQ", "Leeds");
        edit(carol, "/facts/Staff", "12");
        edit(carol, "/facts/Founded", "2001");
        String claim = carol.post("/api/profiles/" + P + "/sections", Map.of("title", "What They Do")).json()
                .get("createdId").asText();
        String claimId = carol.post("/api/profiles/" + P + "/sections/" + claim + "/claims",
                Map.of("kind", "PARAGRAPH", "text", "They study erasure.")).json().get("createdId").asText();
        assertThat(carol.post("/api/me/watches", Map.of("profile", P)).status()).isEqualTo(201);
        assertThat(alice().post("/api/me/watches", Map.of("editor", ERASED)).status()).isEqualTo(201);
        awaitHistoryHas(7);
        ApiClient.Answer before = ada.post("/api/admin/backups", Map.of());
        assertThat(before.status()).isEqualTo(201);
        Path backupBefore = backups.file(before.json().get("name").asText()).orElseThrow();
        assertThat(unzipped(backupBefore)).as("names are sealed in a backup too").doesNotContain(ERASED);

        ApiClient.Answer erased = ada.post("/api/admin/editors/" + ERASED + "/erasure", Map.of());
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        String pseudonym = erased.json().get("pseudonym").asText();
        assertThat(pseudonym).startsWith("erased-editor-");
        awaitRebuilt(ada);

        JsonNode history = alice().get("/api/profiles/" + P + "/history?size=50").json();
        List<String> editors = new ArrayList<>();
        history.get("entries").forEach(entry -> editors.add(entry.get("editor").asText()));
        assertThat(editors).containsExactly(pseudonym, pseudonym, pseudonym, pseudonym, "alice", pseudonym, "alice");
        JsonNode blame = alice().get("/api/profiles/" + P + "/claims/" + claimId + "/blame").json();
        assertThat(blame.toString()).contains(pseudonym).doesNotContain(ERASED);
        assertThat(alice().get("/api/audit?editor=" + pseudonym).json().get("entries")).hasSize(5);
        assertThat(alice().get("/api/audit?editor=" + ERASED).json().get("entries")).isEmpty();
        assertThat(alice().get("/api/audit?editor=alice").json().get("entries")).hasSize(2);
        JsonNode feed = alice().get("/api/changes/feed?profile=" + P + "&limit=50").json();
        assertThat(feed.toString()).contains(pseudonym, "\"alice\"").doesNotContain(ERASED);
        for (String read : List.of("", "/export", "/blame", "/revisions/3")) {
            assertThat(alice().get("/api/profiles/" + P + read).body()).as(read).doesNotContain(ERASED);
        }
        assertThat(alice().get("/api/me/watches").body()).contains(pseudonym).doesNotContain(ERASED);

        assertThat(everyStoredDocument()).noneMatch(document -> document.contains(ERASED));
        assertThat(eventLog.getCollection("events").find().map(Document::toJson))
                .as("no stored event names any editor in plain text").isNotEmpty()
                .noneMatch(event -> event.contains("alice"));
        ApiClient.Answer after = ada.post("/api/admin/backups", Map.of());
        String backupAfter = unzipped(backups.file(after.json().get("name").asText()).orElseThrow());
        assertThat(backupAfter).doesNotContain(ERASED);
        String editorId = pseudonym.substring("erased-".length());
        assertThat(unzipped(backupBefore)).as("a backup taken before holds the key").contains(editorId);
        assertThat(backupAfter).as("one taken after does not").doesNotContain("\"_id\": \"" + editorId);

        assertThat(ada.post("/api/admin/replay", Map.of()).status()).isEqualTo(202);
        awaitRebuilt(ada);
        assertThat(alice().get("/api/profiles/" + P + "/history?size=50").body()).contains(pseudonym)
                .doesNotContain(ERASED);
        assertThat(everyStoredDocument()).noneMatch(document -> document.contains(ERASED));
    }

    @Test
    void anUnknownOrAlreadyErasedEditorIs404AndAnErasedEditorWhoEditsAgainDoesSoUnderANewPseudonym() throws Exception {
        ApiClient ada = as("ada");
        ApiClient.Answer unknown = ada.post("/api/admin/editors/nobody/erasure", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asText()).endsWith("/problems/editor-not-found");

        String profile = "erasure-again";
        assertThat(as("bob").post("/api/profiles", Map.of("id", profile, "name", "Again")).status()).isEqualTo(201);
        String first = ada.post("/api/admin/editors/bob/erasure", Map.of()).json().get("pseudonym").asText();
        assertThat(ada.post("/api/admin/editors/bob/erasure", Map.of()).status()).isEqualTo(404);
        awaitRebuilt(ada);
        edit(as("bob"), profile, "/facts/Founded", "2020");
        JsonNode history = awaitHistory(profile, 2);
        assertThat(history.at("/entries/0/editor").asText()).isEqualTo("bob");
        assertThat(history.at("/entries/1/editor").asText()).isEqualTo(first);
        String second = ada.post("/api/admin/editors/bob/erasure", Map.of()).json().get("pseudonym").asText();
        assertThat(second).isNotEqualTo(first);
        awaitRebuilt(ada);
    }

    @Test
    void plainNamesOfEventsStoredBeforePseudonymsAreSealedInPlaceAndCanBeErased() throws Exception {
        engine.appendEvents(new GenericDomainEventMessage<>("Note", "legacy-note", 0, "stored by an older version",
                MetaData.with("editor", "dora").and("summary", "old")));
        assertThat(storedEventsOf("legacy-note")).contains("dora");

        plainNames.seal();
        assertThat(storedEventsOf("legacy-note")).doesNotContain("dora").contains("editorName", "old");
        assertThat(engine.readEvents("legacy-note").asStream().map(event -> editors.of(event.getMetaData())))
                .containsExactly("dora");

        String pseudonym = as("ada").post("/api/admin/editors/dora/erasure", Map.of()).json().get("pseudonym").asText();
        awaitRebuilt(as("ada"));
        assertThat(engine.readEvents("legacy-note").asStream().map(event -> editors.of(event.getMetaData())))
                .containsExactly(pseudonym);
    }

    private String storedEventsOf(String aggregate) {
        return eventLog.getCollection("events").find(Filters.eq("stream", aggregate + "#0")).first().toJson();
    }

    private void edit(ApiClient editor, String path, String value) {
        edit(editor, P, path, value);
    }

    private static void edit(ApiClient editor, String profile, String path, String value) {
        ApiClient.Answer answer = editor.put("/api/profiles/" + profile + path, Map.of("value", value));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private void awaitHistoryHas(long revisions) {
        awaitHistory(P, revisions);
    }

    private JsonNode awaitHistory(String profile, long revisions) {
        ApiClient.Answer answer = alice().get("/api/profiles/" + profile + "/history?size=50&minRevision=" + revisions);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static void awaitRebuilt(ApiClient admin) {
        for (int attempt = 0; attempt < 1500; attempt++) {
            if (!admin.get("/api/admin/replay").json().get("rebuilding").asBoolean()) {
                return;
            }
            pause();
        }
        throw new AssertionError("The rebuild never ended: " + admin.get("/api/admin/replay").body());
    }

    /** Every document of every collection of both databases, as JSON. */
    private List<String> everyStoredDocument() {
        List<String> documents = new ArrayList<>();
        for (MongoDatabase database : List.of(eventLog, readModels)) {
            for (String collection : database.listCollectionNames()) {
                for (Document document : database.getCollection(collection).find()) {
                    documents.add(collection + ": " + document.toJson());
                }
            }
        }
        assertThat(documents).anyMatch(document -> document.startsWith("editor_keys: "))
                .anyMatch(document -> document.startsWith("history_entries: "))
                .as("the names of editors not erased are there to be found").anyMatch(document -> document.contains("alice"));
        return documents;
    }

    private static String unzipped(Path backup) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(backup))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
