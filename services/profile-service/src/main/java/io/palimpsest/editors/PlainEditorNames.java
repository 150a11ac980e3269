package io.palimpsest.editors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.palimpsest.storage.MongoEventStorageEngine;
import jakarta.annotation.PostConstruct;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seals the plain names that events stored by versions before pseudonyms carry, in place: the one rewrite of the
 * event log there is (metadata only; payloads, positions and ids stay), since a plain name cannot be erased by
 * deleting a key. Runs at startup, before the processors read, over the log after the position it last reached
 * (once over the whole log, the first time), and again before every erasure, for a node of an older version
 * that may still have appended plain names during a rolling upgrade. That position is kept with the read models
 * ({@code editor_names_sealed}), like a processor's token: it is no part of the log or its backups, and losing it
 * costs one more pass that finds nothing to seal.
 */
@Component
class PlainEditorNames {

    private static final Logger log = LoggerFactory.getLogger(PlainEditorNames.class);

    private static final String SEALED_UP_TO = "events";

    private final MongoEventStorageEngine eventLog;
    private final MongoCollection<Document> sealedUpTo;
    private final EditorNames names;
    private final ObjectMapper json = new ObjectMapper();

    PlainEditorNames(MongoEventStorageEngine eventLog, MongoDatabase readModels, EditorNames names) {
        this.eventLog = eventLog;
        this.sealedUpTo = readModels.getCollection("editor_names_sealed");
        this.names = names;
    }

    @PostConstruct
    synchronized void seal() {
        long from = sealedUpTo();
        long[] sealed = {0};
        long head = eventLog.rewriteMetaData(from, metaData -> {
            String rewritten = sealed(metaData);
            if (!rewritten.equals(metaData)) {
                sealed[0]++;
            }
            return rewritten;
        });
        if (head > from) {
            sealedUpTo.replaceOne(Filters.eq("_id", SEALED_UP_TO), new Document("_id", SEALED_UP_TO)
                    .append("position", head), new ReplaceOptions().upsert(true));
        }
        if (sealed[0] > 0) {
            log.info("Sealed the plain editor names of {} stored events (positions {} to {})", sealed[0], from + 1,
                    head);
        }
    }

    private long sealedUpTo() {
        Document marker = sealedUpTo.find(Filters.eq("_id", SEALED_UP_TO)).first();
        return marker == null ? 0 : marker.get("position", Number.class).longValue();
    }

    private String sealed(String metaData) {
        try {
            JsonNode tree = json.readTree(metaData);
            JsonNode editor = tree.get(EditorNames.EDITOR);
            if (!(tree instanceof ObjectNode meta) || editor == null || !editor.isTextual()
                    || meta.has(EditorNames.SEALED_NAME)) {
                return metaData;
            }
            EditorNames.Sealed name = names.seal(editor.asText());
            meta.put(EditorNames.EDITOR, name.editorId());
            meta.put(EditorNames.SEALED_NAME, name.name());
            return json.writeValueAsString(meta);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored metadata that is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
