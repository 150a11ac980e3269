package io.palimpsest.editing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import io.palimpsest.model.api.ProfileSummary;
import io.palimpsest.model.api.ProfileView;
import org.bson.Document;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The current-profile read model: one document per profile in {@code profiles}, keyed by profile id.
 * It holds the folded sheet (to continue folding), the reader's view as ready-made JSON (a read is one
 * {@code _id} lookup and no re-serialisation), the summary fields for the list, and the aggregate
 * sequence number of the last event folded in, which makes redelivered events harmless.
 */
@Repository
public class CurrentProfiles {

    private static final String COLLECTION = "profiles";

    private final MongoCollection<Document> profiles;
    private final ObjectMapper json;

    CurrentProfiles(MongoDatabase database, ObjectMapper json) {
        this.profiles = database.getCollection(COLLECTION);
        this.json = json;
    }

    /** A stored profile: its revision and its view, as JSON. */
    public record Stored(String id, long revision, String viewJson) {
    }

    public Optional<Stored> find(String profileId) {
        Document doc = profiles.find(Filters.eq("_id", profileId))
                .projection(Projections.include("revision", "view")).first();
        return Optional.ofNullable(doc).map(d -> new Stored(profileId, d.getLong("revision"), d.getString("view")));
    }

    public List<ProfileSummary> list() {
        List<ProfileSummary> summaries = new ArrayList<>();
        for (Document doc : profiles.find().projection(Projections.include("revision", "name", "shortName",
                "category", "tagline"))) {
            summaries.add(new ProfileSummary(doc.getString("_id"), doc.getString("name"), doc.getString("shortName"),
                    doc.getString("category"), doc.getString("tagline"), doc.getLong("revision")));
        }
        summaries.sort(Comparator.comparing(ProfileSummary::id));
        return summaries;
    }

    /** The sheet as last stored, with the sequence number of the last event folded into it. */
    Optional<Folded> load(String profileId) {
        Document doc = profiles.find(Filters.eq("_id", profileId)).projection(Projections.include("sheet", "lastSequence"))
                .first();
        if (doc == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Folded(json.readValue(doc.getString("sheet"), ProfileSheet.class),
                    doc.getLong("lastSequence")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored profile " + profileId, e);
        }
    }

    record Folded(ProfileSheet sheet, long lastSequence) {
    }

    /** Writes the profiles in one round trip, each replacing its document. */
    void saveAll(Collection<Folded> folded) {
        if (folded.isEmpty()) {
            return;
        }
        List<ReplaceOneModel<Document>> writes = new ArrayList<>(folded.size());
        for (Folded profile : folded) {
            Document doc = document(profile.sheet(), profile.lastSequence());
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", profile.sheet().id()), doc,
                    new ReplaceOptions().upsert(true)));
        }
        profiles.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    private Document document(ProfileSheet sheet, long lastSequence) {
        ProfileView view = sheet.toView();
        try {
            return new Document("_id", sheet.id())
                    .append("revision", sheet.revision())
                    .append("lastSequence", lastSequence)
                    .append("name", view.identity().name())
                    .append("shortName", view.identity().shortName())
                    .append("category", view.identity().category())
                    .append("tagline", view.identity().tagline())
                    .append("view", json.writeValueAsString(view))
                    .append("sheet", json.writeValueAsString(sheet));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store profile " + sheet.id(), e);
        }
    }

    void clear() {
        profiles.deleteMany(new Document());
    }
}
