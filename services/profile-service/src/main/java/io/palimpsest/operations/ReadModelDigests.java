package io.palimpsest.operations;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digest of a read model: the SHA-256 of what it holds that follows from the events alone, so that two stores
 * that folded the same log hold read models of the same digest, whichever node folded them, in batches of whatever
 * size, by a rebuild or event by event. For each collection below, in this order, each document in {@code _id} order
 * contributes one line: a JSON document (MongoDB canonical Extended JSON) of its {@code _id} and the fields named,
 * in that order, and a newline. What a store keeps only to fold faster (the profiles' folded sheets, the history's
 * checkpoints, index buckets and audit slots) is left out: when it is written depends on the batches.
 * <ul>
 *   <li>{@code current-profiles}: {@code citation_reports} (kept with the current profiles):
 *   {@code report}; then {@code profiles}: {@code revision}, {@code lastSequence}, {@code view};</li>
 *   <li>{@code history}: {@code history_entries}: {@code time}, {@code entry}; then {@code history_profiles}:
 *   {@code revision}, {@code lastSequence}, {@code blame};</li>
 *   <li>{@code review}: {@code review_changes}: {@code change}; then {@code review_queue_heads}: {@code count},
 *   {@code open}.</li>
 * </ul>
 */
@Component
public class ReadModelDigests {

    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
            .build();

    /** The collections of each read model, with the fields of each that the digest covers. */
    private static final Map<String, List<Part>> READ_MODELS = Map.of(
            "current-profiles", List.of(new Part("citation_reports", List.of("report")),
                    new Part("profiles", List.of("revision", "lastSequence", "view"))),
            "history", List.of(new Part("history_entries", List.of("time", "entry")),
                    new Part("history_profiles", List.of("revision", "lastSequence", "blame"))),
            "review", List.of(new Part("review_changes", List.of("change")),
                    new Part("review_queue_heads", List.of("count", "open"))));

    /**
     * The collection of each read model that says, per profile, how far it folded it; the review read model keeps
     * that per revision, not per profile.
     */
    private static final Map<String, String> TRACKED_BY = Map.of("current-profiles", "profiles",
            "history", "history_profiles");

    private record Part(String collection, List<String> fields) {
    }

    /** A read model's digest and the number of documents it covers. */
    public record Digest(String readModel, long documents, String sha256) {
    }

    private final MongoDatabase readModels;

    ReadModelDigests(MongoDatabase readModels) {
        this.readModels = readModels;
    }

    /** Every read model's digest, by name. */
    public List<Digest> compute() {
        List<Digest> digests = new ArrayList<>();
        new TreeMap<>(READ_MODELS).forEach((name, parts) -> digests.add(digest(name, parts)));
        return digests;
    }

    /**
     * The last aggregate sequence number each read model that tracks profiles folded for every profile: a read model
     * folded from a backup
     * must hold each profile of the backup at the last sequence number the backup holds of it.
     */
    Map<String, Map<String, Long>> lastSequences() {
        Map<String, Map<String, Long>> folded = new TreeMap<>();
        TRACKED_BY.forEach((name, collection) -> {
            Map<String, Long> profiles = new TreeMap<>();
            readModels.getCollection(collection).find().forEach(document -> profiles.put(
                    document.getString("_id"), document.getLong("lastSequence")));
            folded.put(name, profiles);
        });
        return folded;
    }

    private Digest digest(String name, List<Part> parts) {
        MessageDigest sha256 = sha256();
        long documents = 0;
        for (Part part : parts) {
            for (Document document : readModels.getCollection(part.collection()).find().sort(Sorts.ascending("_id"))) {
                Document covered = new Document("_id", document.get("_id"));
                part.fields().forEach(field -> covered.append(field, document.get(field)));
                sha256.update((covered.toJson(CANONICAL) + "\n").getBytes(StandardCharsets.UTF_8));
                documents++;
            }
        }
        return new Digest(name, documents, HexFormat.of().formatHex(sha256.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
