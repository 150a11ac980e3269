package io.palimpsest.editors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palimpsest.storage.MongoEventStorageEngine;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seals the plain names that events stored by versions before pseudonyms carry, in place: the one rewrite of the
 * event log there is (metadata only; payloads, positions and ids stay), since a plain name cannot be erased by
 * deleting a key. Runs at startup, before the processors read, over the log after the position it last reached
 * (once over the whole log, the first time), and again before every erasure, for a node of an older version
 * that may still have appended plain names during a rolling upgrade.
 */
@Component
class PlainEditorNames {

    private static final Logger log = LoggerFactory.getLogger(PlainEditorNames.class);

    private final MongoEventStorageEngine eventLog;
    private final EditorKeys keys;
    private final EditorNames names;
    private final ObjectMapper json = new ObjectMapper();

    PlainEditorNames(MongoEventStorageEngine eventLog, EditorKeys keys, EditorNames names) {
        this.eventLog = eventLog;
        this.keys = keys;
        this.names = names;
    }

    @PostConstruct
    synchronized void seal() {
        long from = keys.sealedUpTo();
        long[] sealed = {0};
        long head = eventLog.rewriteMetaData(from, metaData -> {
            String rewritten = sealed(metaData);
            if (!rewritten.equals(metaData)) {
                sealed[0]++;
            }
            return rewritten;
        });
        if (head > from) {
            keys.sealedUpTo(head);
        }
        if (sealed[0] > 0) {
            log.info("Sealed the plain editor names of {} stored events (positions {} to {})", sealed[0], from + 1,
                    head);
        }
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
