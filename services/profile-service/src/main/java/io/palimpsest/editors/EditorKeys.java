package io.palimpsest.editors;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.palimpsest.storage.Durability;
import io.palimpsest.storage.spring.StorageConfiguration;
import io.palimpsest.storage.spring.StorageProperties;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The editors' keys, in {@code editor_keys} of the event log's database (beside the log, and in its backups), every
 * lookup by {@code _id}: {@code editor-…} holds that editor's key; {@code name:<SHA-256 of the name>} names the editor
 * id of a name, for the next edit and for an erasure. An erasure deletes both: nothing left in the store then links
 * the editor id, or the names sealed under its key, to the name.
 */
@Repository
class EditorKeys {

    private static final String NAME_PREFIX = "name:";

    private final MongoCollection<Document> keys;
    private final Durability durability;

    EditorKeys(@Qualifier("eventLogDatabase") MongoDatabase eventLog, StorageProperties storage,
               Durability durability) {
        // As the log's own writes: a key must be as durable as the events sealed with it.
        this.keys = eventLog.getCollection(StorageConfiguration.EDITOR_KEYS).withWriteConcern(storage.embedded()
                ? WriteConcern.ACKNOWLEDGED : WriteConcern.MAJORITY.withJournal(true));
        this.durability = durability;
    }

    Optional<EditorKey> key(String editorId) {
        return Optional.ofNullable(keys.find(Filters.eq("_id", editorId)).first())
                .map(doc -> EditorKey.of(editorId, doc.get("key", Binary.class).getData()));
    }

    Optional<EditorKey> keyOfName(String name) {
        return editorIdOf(name).flatMap(this::key);
    }

    private Optional<String> editorIdOf(String name) {
        return Optional.ofNullable(keys.find(Filters.eq("_id", nameId(name))).first())
                .map(doc -> doc.getString("editor"));
    }

    /**
     * The key of a name that has none: a new one, durable before any event sealed with it can be. Of two nodes
     * creating one for the same name at once, the second finds the first's and drops its own.
     */
    EditorKey create(String name) {
        EditorKey created = EditorKey.generate();
        keys.insertOne(new Document("_id", created.editorId()).append("key", new Binary(created.key().getEncoded())));
        try {
            keys.insertOne(new Document("_id", nameId(name)).append("editor", created.editorId()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            keys.deleteOne(Filters.eq("_id", created.editorId()));
            return keyOfName(name).orElseThrow(() -> new IllegalStateException("The key of a name vanished", e));
        }
        durability.awaitDurable();
        return created;
    }

    /** Deletes the name's key and link, durably; the editor id they were of, if the name had a key. */
    Optional<String> delete(String name) {
        Optional<String> editorId = editorIdOf(name);
        editorId.ifPresent(id -> {
            keys.deleteOne(Filters.eq("_id", id));
            keys.deleteOne(Filters.eq("_id", nameId(name)));
            durability.awaitDurable();
        });
        return editorId;
    }

    private static String nameId(String name) {
        try {
            return NAME_PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
