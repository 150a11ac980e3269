package io.palimpsest.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.palimpsest.storage.Drops;
import io.palimpsest.storage.ReadModelLookups;
import io.palimpsest.storage.ReadModelWrites;
import org.bson.Document;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The review read models, every one read by computed {@code _id}s (single or {@code $in}):
 * <ul>
 * <li>{@code review_changes} — {@code <profile>/<revision>}: each revision as review sees it;</li>
 * <li>{@code review_queue} — {@code <key>/<n>}: the changes waiting for review under a queue key ({@code all},
 * {@code profile/<id>}, {@code editor/<name>}, {@code flag/<code>}) whose place p has p / {@value #CHUNK} = n;
 * a review pulls the change out of each;</li>
 * <li>{@code review_queue_heads} — {@code <key>}: how many changes were ever queued under the key, how many wait;</li>
 * <li>{@code review_editors} — {@code <name>}: the editor's approved changes so far, and the times of their last
 * changes (for the burst flag).</li>
 * </ul>
 */
@Repository
class ReviewStore {

    /**
     * Changes per queue chunk: a page of the queue reads a few chunks in one lookup, and an edit appends to (so
     * rewrites) one chunk per key it is queued under, so chunks stay short.
     */
    static final int CHUNK = 100;
    private static final String ENTRIES = "entries";
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoDatabase database;
    private final MongoCollection<Document> changes;
    private final MongoCollection<Document> queue;
    private final MongoCollection<Document> heads;
    private final MongoCollection<Document> editors;
    private final ReadModelLookups lookups;
    private final ObjectMapper json;

    ReviewStore(MongoDatabase database, ReadModelLookups lookups, ObjectMapper json) {
        this.database = database;
        this.changes = database.getCollection("review_changes");
        this.queue = database.getCollection("review_queue");
        this.heads = database.getCollection("review_queue_heads");
        this.editors = database.getCollection("review_editors");
        this.lookups = lookups;
        this.json = json;
    }

    /** A queue key's counts: places ever given out, and changes still waiting. */
    record Head(long count, long open) {
        static final Head EMPTY = new Head(0, 0);
    }

    /** What review keeps of an editor: approved changes so far and the times of the last changes made. */
    record EditorRecord(long approved, List<Instant> recent) {
        static final EditorRecord NEW = new EditorRecord(0, List.of());
    }

    static String chunk(String key, long place) {
        return key + "/" + place / CHUNK;
    }

    // ---- writes: gathered per batch of the projection, the last state of each document by _id ----

    final class Writes {
        private final Map<String, ReviewedChange> changes = new LinkedHashMap<>();
        /** Per chunk: the entries to append, by change id, and the ids of entries appended before to take out. */
        private final Map<String, Map<String, Document>> appended = new LinkedHashMap<>();
        private final Map<String, Set<String>> pulled = new LinkedHashMap<>();
        private final Map<String, Head> heads = new LinkedHashMap<>();
        private final Map<String, EditorRecord> editors = new LinkedHashMap<>();
        /** The stored changes the batch will touch, read with one lookup when it begins; null until then. */
        private Map<String, ReviewedChange> stored;

        /** The change as the batch left it, or as it is stored: from what was read ahead, else from the store. */
        Optional<ReviewedChange> change(String id) {
            ReviewedChange pending = changes.get(id);
            if (pending != null) {
                return Optional.of(pending);
            }
            return stored != null && stored.containsKey(id) ? Optional.ofNullable(stored.get(id))
                    : ReviewStore.this.change(id);
        }

        /**
         * Reads the stored changes with these ids at once, so that a batch asks the store once, not per event; asked
         * at every event, it finds the ids only at the batch's first.
         */
        void readAhead(Supplier<Collection<String>> touched) {
            if (stored == null) {
                stored = new HashMap<>();
                Collection<String> ids = touched.get();
                ids.forEach(id -> stored.put(id, null));
                changes(List.copyOf(ids)).forEach(change -> stored.put(change.id(), change));
            }
        }

        /** Whether the read-ahead found no change with this id stored: a change the batch makes anew. */
        boolean readAheadAbsent(String id) {
            return stored != null && stored.containsKey(id) && stored.get(id) == null;
        }

        void change(ReviewedChange change) {
            changes.put(change.id(), change);
        }

        void enqueue(String key, QueueEntry entry) {
            appended.computeIfAbsent(chunk(key, entry.n()), c -> new LinkedHashMap<>())
                    .put(entry.id(), entry.toDocument());
        }

        /** An entry appended in this batch is just not appended. */
        void dequeue(String key, long place, String changeId) {
            String chunk = chunk(key, place);
            Map<String, Document> pending = appended.get(chunk);
            if (pending == null || pending.remove(changeId) == null) {
                pulled.computeIfAbsent(chunk, c -> new LinkedHashSet<>()).add(changeId);
            }
        }

        void head(String key, Head head) {
            heads.put(key, head);
        }

        void editor(String name, EditorRecord record) {
            editors.put(name, record);
        }
    }

    Writes writes() {
        return new Writes();
    }

    /**
     * The queue first (each chunk pulled from and appended to once per batch), then the counts, and the changes last:
     * they hold how far each revision is folded, so after a crash in between the revision is folded again. That may
     * queue a change twice; reads take each change once.
     */
    void save(Writes writes) {
        List<WriteModel<Document>> updates = new ArrayList<>();
        writes.pulled.forEach((chunk, ids) -> updates.add(new UpdateOneModel<>(Filters.eq("_id", chunk),
                Updates.pullByFilter(new Document(ENTRIES, new Document("id", new Document("$in", List.copyOf(ids)))))
        )));
        writes.appended.forEach((chunk, entries) -> {
            if (!entries.isEmpty()) {
                updates.add(new UpdateOneModel<>(Filters.eq("_id", chunk), Updates.pushEach(ENTRIES,
                        List.copyOf(entries.values())), new UpdateOptions().upsert(true)));
            }
        });
        if (!updates.isEmpty()) {
            queue.bulkWrite(updates, UNORDERED);
        }
        ReadModelWrites.replaceAll(editors, writes.editors.entrySet().stream().map(e -> new Document("_id", e.getKey())
                .append("approved", e.getValue().approved())
                .append("recent", e.getValue().recent().stream().map(Date::from).toList())).toList());
        ReadModelWrites.replaceAll(heads, writes.heads.entrySet().stream().map(h -> new Document("_id", h.getKey())
                .append("count", h.getValue().count()).append("open", h.getValue().open())).toList());
        Map<Boolean, List<Document>> byNew = writes.changes.values().stream().collect(Collectors.partitioningBy(
                change -> writes.readAheadAbsent(change.id()),
                Collectors.mapping(c -> new Document("_id", c.id()).append("change", write(c)), Collectors.toList())));
        ReadModelWrites.insertOrReplace(changes, byNew.get(true));
        ReadModelWrites.replaceAll(changes, byNew.get(false));
    }

    void clear() {
        Drops.dropPresent(database, List.of(changes, queue, heads, editors));
    }

    // ---- reads ----

    Optional<ReviewedChange> change(String id) {
        return Optional.ofNullable(changes.find(Filters.eq("_id", id)).first())
                .map(doc -> read(doc.getString("change")));
    }

    /** The changes by id, in the order asked; ids without a change are left out. */
    List<ReviewedChange> changes(List<String> ids) {
        Map<String, ReviewedChange> found = new HashMap<>();
        for (Document doc : lookups.byId(changes, ids)) {
            found.put(doc.getString("_id"), read(doc.getString("change")));
        }
        return ids.stream().filter(found::containsKey).map(found::get).toList();
    }

    Head head(String key) {
        return Optional.ofNullable(heads.find(Filters.eq("_id", key)).first())
                .map(doc -> new Head(doc.getLong("count"), doc.getLong("open"))).orElse(Head.EMPTY);
    }

    EditorRecord editor(String name) {
        return Optional.ofNullable(editors.find(Filters.eq("_id", name)).first())
                .map(doc -> new EditorRecord(doc.getLong("approved"), doc.getList("recent", Date.class).stream()
                        .map(Date::toInstant).toList())).orElse(EditorRecord.NEW);
    }

    /** The entries of chunks {@code low..high} of a queue key, every chunk in one lookup. */
    List<QueueEntry> chunks(String key, long low, long high) {
        List<String> ids = new ArrayList<>();
        for (long n = low; n <= high; n++) {
            ids.add(key + "/" + n);
        }
        List<QueueEntry> entries = new ArrayList<>();
        for (Document doc : lookups.byId(queue, ids)) {
            doc.getList(ENTRIES, Document.class).forEach(entry -> entries.add(QueueEntry.of(entry)));
        }
        return entries;
    }

    private String write(ReviewedChange change) {
        try {
            return json.writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ReviewedChange read(String text) {
        try {
            return json.readValue(text, ReviewedChange.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
