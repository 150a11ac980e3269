package io.palimpsest.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.palimpsest.editing.ProfileSheet;
import io.palimpsest.storage.Drops;
import io.palimpsest.storage.ReadModelLookups;
import io.palimpsest.storage.ReadModelWrites;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The history read models, every one read by computed {@code _id}s (single or {@code $in}):
 * <ul>
 * <li>{@code history_entries} — {@code <profile>/<revision>}: one applied edit;</li>
 * <li>{@code history_index} — {@code <profile>/claim/<id>/<n>}, {@code <profile>/section/<id>/<n>},
 * {@code <profile>/editor/<name>/<n>}: the revisions r with r / {@value #INDEX_CHUNK} = n that touched it;</li>
 * <li>{@code history_audit} — {@code <editor>/<UTC slot>}: each entry an editor made in those
 * {@value #AUDIT_SLOT_SECONDS} seconds, as its mark {@code "<time> <entry id>"};</li>
 * <li>{@code history_audit_hours} — {@code <editor>/<UTC hour>}: the slots of that hour with an audit bucket;</li>
 * <li>{@code history_profiles} — {@code <profile>}: head revision, last folded sequence, blame, and the lines
 * the head revision changed as they were before it;</li>
 * <li>{@code history_checkpoints} — {@code <profile>/<revision>}: the folded sheet every N revisions.</li>
 * </ul>
 */
@Repository
class HistoryStore {

    /**
     * Revisions per index bucket: mongo-java-server copies and compares a whole bucket on every append, so buckets
     * stay short; a filter at 10,000 revisions still reads its buckets in one lookup.
     */
    static final int INDEX_CHUNK = 250;
    private static final String REVISIONS = "revisions";
    private static final String BLAME_BEFORE_CHANGES = "blameBeforeChanges";
    private static final TypeReference<LinkedHashMap<String, Blame.Line>> BLAME_LINES = new TypeReference<>() {
    };
    private static final String ENTRIES = "entries";
    private static final String SLOTS = "slots";
    /**
     * Seconds per audit bucket: appending to a bucket copies and rewrites it whole, and a minute of a busy editor
     * (an import, a bot, the benchmark's shared accounts) held a thousand marks, the largest document each edit wrote.
     */
    static final int AUDIT_SLOT_SECONDS = 10;
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> index;
    private final MongoCollection<Document> audit;
    private final MongoCollection<Document> auditHours;
    private final MongoCollection<Document> profiles;
    private final MongoCollection<Document> checkpoints;
    private final MongoDatabase database;
    private final ReadModelLookups lookups;
    private final ObjectMapper json;

    HistoryStore(MongoDatabase database, ReadModelLookups lookups, ObjectMapper json) {
        this.database = database;
        this.lookups = lookups;
        this.entries = database.getCollection("history_entries");
        this.index = database.getCollection("history_index");
        this.audit = database.getCollection("history_audit");
        this.auditHours = database.getCollection("history_audit_hours");
        this.profiles = database.getCollection("history_profiles");
        this.checkpoints = database.getCollection("history_checkpoints");
        this.json = json;
    }

    /** What the projection keeps of a profile: how far it folded, and blame before and after the head revision. */
    record Track(long revision, long lastSequence, Blame blameBefore, Blame blame) {
    }

    record Checkpoint(long revision, long lastSequence, ProfileSheet sheet) {
    }

    // ---- writes: gathered per batch of the projection, each idempotent, so a redelivered batch may write again ----

    /** The writes of one batch: the last state of every document it touched, by {@code _id}. */
    final class Writes {
        private final Map<String, HistoryEntry> entries = new LinkedHashMap<>();
        private final Map<String, Set<Long>> buckets = new LinkedHashMap<>();
        private final Map<String, Set<String>> auditSlots = new LinkedHashMap<>();
        private final Map<String, Set<Date>> auditHours = new LinkedHashMap<>();
        private final Map<String, Track> tracks = new LinkedHashMap<>();
        private final Map<String, Document> checkpoints = new LinkedHashMap<>();

        void entry(HistoryEntry entry) {
            entries.put(entry.id(), entry);
            entry.changes().claimIds().forEach(c -> addRevision(bucket(entry.profileId(), "claim", c), entry));
            entry.changes().sectionIds().forEach(s -> addRevision(bucket(entry.profileId(), "section", s), entry));
            addRevision(bucket(entry.profileId(), "editor", entry.editor()), entry);
            Instant slot = auditSlot(entry.time());
            auditSlots.computeIfAbsent(auditBucket(entry.editor(), slot), s -> new LinkedHashSet<>())
                    .add(new AuditMark(entry.time(), entry.id()).text());
            auditHours.computeIfAbsent(auditBucket(entry.editor(), hour(slot)), h -> new LinkedHashSet<>())
                    .add(Date.from(slot));
        }

        private void addRevision(String bucket, HistoryEntry entry) {
            buckets.computeIfAbsent(chunk(bucket, entry.revision() / INDEX_CHUNK), b -> new TreeSet<>())
                    .add(entry.revision());
        }

        void track(String profileId, Track track) {
            tracks.put(profileId, track);
        }

        Optional<Track> track(String profileId) {
            return Optional.ofNullable(tracks.get(profileId));
        }

        /** The sheet is written out now, as the projection goes on folding into it. */
        void checkpoint(String profileId, ProfileSheet sheet, long lastSequence) {
            String id = HistoryEntry.id(profileId, sheet.revision());
            checkpoints.put(id, new Document("_id", id).append("revision", sheet.revision())
                    .append("lastSequence", lastSequence).append("sheet", write(sheet)));
        }
    }

    Writes writes() {
        return new Writes();
    }

    /**
     * One bulk write per collection. The profiles' tracks go last: they say how far the history is folded, so
     * after a crash in between, the events after the stored track are folded and written again.
     */
    void save(Writes writes) {
        // An entry is new but where its revision's events were split between two batches, or its batch is written
        // again after a crash.
        ReadModelWrites.insertOrReplace(entries, writes.entries.values().stream().map(entry -> new Document("_id",
                entry.id()).append("time", Date.from(entry.time())).append("entry", write(entry))).toList());
        appendAll(index, REVISIONS, writes.buckets);
        appendAll(audit, ENTRIES, writes.auditSlots);
        addAll(auditHours, SLOTS, writes.auditHours);
        ReadModelWrites.replaceAll(checkpoints, List.copyOf(writes.checkpoints.values()));
        ReadModelWrites.replaceAll(profiles, writes.tracks.entrySet().stream().map(track -> new Document("_id",
                        track.getKey())
                .append("revision", track.getValue().revision())
                .append("lastSequence", track.getValue().lastSequence())
                .append(BLAME_BEFORE_CHANGES,
                        write(track.getValue().blame().changedSince(track.getValue().blameBefore())))
                .append("blame", write(track.getValue().blame()))).toList());
    }

    /**
     * Appends to buckets with {@code $push}, not {@code $addToSet}: mongo-java-server compares every value added with
     * every value in the array, which grew quadratic with a profile's history. A batch written again after a crash
     * may therefore append a value twice; the reads take each once.
     */
    private static <T> void appendAll(MongoCollection<Document> collection, String field, Map<String, Set<T>> values) {
        updateAll(collection, values, added -> Updates.pushEach(field, added));
    }

    /** {@code $addToSet}, for the short sets (the slots of an hour) that must hold each value once. */
    private static <T> void addAll(MongoCollection<Document> collection, String field, Map<String, Set<T>> values) {
        updateAll(collection, values, added -> Updates.addEachToSet(field, added));
    }

    private static <T> void updateAll(MongoCollection<Document> collection, Map<String, Set<T>> values,
                                      Function<List<T>, Bson> update) {
        if (!values.isEmpty()) {
            collection.bulkWrite(values.entrySet().stream().map(bucket -> new UpdateOneModel<Document>(
                    Filters.eq("_id", bucket.getKey()), update.apply(List.copyOf(bucket.getValue())),
                    new UpdateOptions().upsert(true))).toList(), UNORDERED);
        }
    }

    /** Drops rather than empties: a rebuild waited for every document to be removed, one by one, index and all. */
    void clear() {
        Drops.dropPresent(database, List.of(entries, index, audit, auditHours, profiles, checkpoints));
    }

    // ---- reads ----

    /**
     * The blame before the head revision is stored as the lines that revision changed, as they were before it: a
     * revision touches a few claims, and the whole blame was the largest document rewritten with every batch.
     */
    Optional<Track> track(String profileId) {
        return Optional.ofNullable(profiles.find(Filters.eq("_id", profileId)).first()).map(doc -> {
            Blame blame = read(doc.getString("blame"), Blame.class);
            Map<String, Blame.Line> before = read(doc.getString(BLAME_BEFORE_CHANGES), BLAME_LINES);
            return new Track(doc.getLong("revision"), doc.getLong("lastSequence"), blame.withLines(before), blame);
        });
    }

    /** The newest revision in the history, read without the blame that the same document holds. */
    Optional<Long> headRevision(String profileId) {
        return Optional.ofNullable(profiles.find(Filters.eq("_id", profileId)).projection(new Document("revision", 1))
                .first()).map(doc -> doc.getLong("revision"));
    }

    /** The blame as of the newest revision, and that revision. */
    Optional<HeadBlame> blame(String profileId) {
        return Optional.ofNullable(profiles.find(Filters.eq("_id", profileId))
                .projection(new Document("revision", 1).append("blame", 1)).first())
                .map(doc -> new HeadBlame(doc.getLong("revision"), read(doc.getString("blame"), Blame.class)));
    }

    record HeadBlame(long revision, Blame blame) {
    }

    /** Entries by revision, in the order asked; revisions without an entry are left out. */
    List<HistoryEntry> entries(String profileId, List<Long> revisions) {
        return entries(revisions.stream().map(r -> HistoryEntry.id(profileId, r)).toList());
    }

    List<HistoryEntry> entries(List<String> ids) {
        Map<String, HistoryEntry> found = new HashMap<>();
        for (Document doc : lookups.byId(this.entries, ids)) {
            found.put(doc.getString("_id"), read(doc.getString("entry"), HistoryEntry.class));
        }
        return ids.stream().filter(found::containsKey).map(found::get).toList();
    }

    /** The times of the profile's entries of those revisions that the history holds. */
    Map<Long, Instant> entryTimes(String profileId, List<Long> revisions) {
        Map<String, Long> byId = new HashMap<>();
        revisions.forEach(revision -> byId.put(HistoryEntry.id(profileId, revision), revision));
        Map<Long, Instant> times = new HashMap<>();
        for (Document doc : lookups.byId(entries, List.copyOf(byId.keySet()))) {
            times.put(byId.get(doc.getString("_id")), doc.getDate("time").toInstant());
        }
        return times;
    }

    /** The revisions up to {@code head} in a bucket of the profile's index, such as those that touched one claim. */
    TreeSet<Long> revisions(String profileId, String kind, String key, long head) {
        String bucket = bucket(profileId, kind, key);
        List<String> chunks = new ArrayList<>();
        for (long chunk = 0; chunk <= head / INDEX_CHUNK; chunk++) {
            chunks.add(chunk(bucket, chunk));
        }
        TreeSet<Long> revisions = new TreeSet<>();
        for (Document doc : lookups.byId(index, chunks)) {
            doc.getList(REVISIONS, Number.class).forEach(n -> revisions.add(n.longValue()));
        }
        return revisions;
    }

    /**
     * An entry an editor made, by its time: what the audit is paged by before any entry is read. Stored as one string,
     * not a subdocument: mongo-java-server copies and compares a whole bucket on every append.
     */
    record AuditMark(Instant time, String entryId) {

        String text() {
            return time + " " + entryId;
        }

        static AuditMark of(String text) {
            int space = text.indexOf(' ');
            return new AuditMark(Instant.parse(text.substring(0, space)), text.substring(space + 1));
        }
    }

    /** The marks of the entries the editor made in the given UTC hours, each once. */
    Set<AuditMark> auditMarks(String editor, Collection<Instant> hours) {
        List<String> slots = new ArrayList<>();
        for (Document hour : lookups.byId(auditHours, hours.stream().map(h -> auditBucket(editor, h)).toList())) {
            hour.getList(SLOTS, Date.class).forEach(slot -> slots.add(auditBucket(editor, slot.toInstant())));
        }
        Set<AuditMark> marks = new HashSet<>();
        for (Document doc : lookups.byId(audit, slots)) {
            doc.getList(ENTRIES, String.class).forEach(mark -> marks.add(AuditMark.of(mark)));
        }
        return marks;
    }

    /** The checkpoint at the highest multiple of {@code every} not above {@code revision}, or the one below it. */
    Optional<Checkpoint> checkpointAtOrBelow(String profileId, long revision, int every) {
        long at = revision / every * every;
        List<String> ids = new ArrayList<>();
        for (long r = at; r > 0 && ids.size() < 2; r -= every) {
            ids.add(HistoryEntry.id(profileId, r));
        }
        Document best = null;
        for (Document doc : lookups.byId(checkpoints, ids)) {
            if (best == null || doc.getLong("revision") > best.getLong("revision")) {
                best = doc;
            }
        }
        return Optional.ofNullable(best).map(doc -> new Checkpoint(doc.getLong("revision"),
                doc.getLong("lastSequence"), read(doc.getString("sheet"), ProfileSheet.class)));
    }

    private static String bucket(String profileId, String kind, String key) {
        return profileId + "/" + kind + "/" + key;
    }

    private static String chunk(String bucket, long chunk) {
        return bucket + "/" + chunk;
    }

    private static String auditBucket(String editor, Instant start) {
        return editor + "/" + start;
    }

    /** The UTC hour an instant falls in: the audit finds an editor's buckets through their hours. */
    static Instant hour(Instant time) {
        return time.truncatedTo(ChronoUnit.HOURS);
    }

    private static Instant auditSlot(Instant time) {
        long second = time.getEpochSecond();
        return Instant.ofEpochSecond(second - Math.floorMod(second, AUDIT_SLOT_SECONDS));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored " + type.getSimpleName(), e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored " + type.getType(), e);
        }
    }
}
