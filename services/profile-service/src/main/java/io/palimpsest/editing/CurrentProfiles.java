package io.palimpsest.editing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import io.palimpsest.editors.EditorNames;
import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.api.ProfileSummary;
import io.palimpsest.model.api.ProfileView;
import io.palimpsest.storage.Drops;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The current-profile read model: one document per profile in {@code profiles}, keyed by profile id.
 * It holds the reader's view as ready-made JSON (a read is one {@code _id} lookup and no re-serialisation), the
 * summary fields for the list, the aggregate sequence number of the last event folded in, which makes redelivered
 * events harmless, and a folded sheet to continue folding from. The view is written with every batch, the sheet
 * (as large as the view) only every {@value #SHEET_EVERY} events: a projection that has to pick a profile up again
 * folds the few events after the stored sheet from the event store.
 */
@Repository
public class CurrentProfiles {

    static final int SHEET_EVERY = 50;
    private static final String COLLECTION = "profiles";

    private final MongoDatabase database;
    private final MongoCollection<Document> profiles;
    private final ObjectMapper json;
    private final EventStore eventStore;
    private final EditorNames editors;
    private final List<DerivedReadModel> derived;

    CurrentProfiles(MongoDatabase database, ObjectMapper json, EventStore eventStore, EditorNames editors,
                    List<DerivedReadModel> derived) {
        this.database = database;
        this.profiles = database.getCollection(COLLECTION);
        this.json = json;
        this.eventStore = eventStore;
        this.editors = editors;
        this.derived = List.copyOf(derived);
    }

    /** A stored profile: its revision and its view, as JSON. */
    public record Stored(String id, long revision, String viewJson) {
    }

    public Optional<Stored> find(String profileId) {
        Document doc = profiles.find(Filters.eq("_id", profileId))
                .projection(Projections.include("revision", "view")).first();
        return Optional.ofNullable(doc).map(d -> new Stored(profileId, d.getLong("revision"), d.getString("view")));
    }

    /** The revision the read model holds of the profile, 0 if it holds none. */
    long revision(String profileId) {
        Document doc = profiles.find(Filters.eq("_id", profileId)).projection(Projections.include("revision")).first();
        return doc == null ? 0 : doc.getLong("revision");
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

    /** The profile folded up to the last event the read model has, and the sequence its stored sheet is at. */
    Optional<Folded> load(String profileId) {
        Document doc = sheetOf(profileId);
        if (doc == null) {
            return Optional.empty();
        }
        long last = doc.getLong("lastSequence");
        return Optional.of(new Folded(fold(profileId, doc, last), last, sheetSequence(doc)));
    }

    /**
     * The profile at its last event in the event store, folded from the sheet stored here (if any) on: for reads while
     * this read model is rebuilt, when what it holds of a profile may be older than what it held before.
     */
    Optional<ProfileSheet> foldToLatest(String profileId) {
        ProfileSheet sheet = fold(profileId, sheetOf(profileId), Long.MAX_VALUE);
        return sheet.revision() > 0 ? Optional.of(sheet) : Optional.empty();
    }

    private Document sheetOf(String profileId) {
        return profiles.find(Filters.eq("_id", profileId))
                .projection(Projections.include("sheet", "sheetSequence", "lastSequence")).first();
    }

    /** The stored sheet (none: an empty one) with the profile's events after it, up to sequence {@code last}. */
    private ProfileSheet fold(String profileId, Document doc, long last) {
        String storedSheet = doc == null ? null : doc.getString("sheet");
        ProfileSheet sheet = storedSheet == null ? new ProfileSheet() : read(profileId, storedSheet);
        DomainEventStream after = eventStore.readEvents(profileId, sheetSequence(doc) + 1);
        while (after.hasNext() && after.peek().getSequenceNumber() <= last) {
            DomainEventMessage<?> event = after.next();
            sheet.apply((ProfileEvent) event.getPayload(), editors.of(event.getMetaData()));
        }
        return sheet;
    }

    /** -1 without a stored sheet; documents written before sheets had their own sequence hold it at the last event. */
    private static long sheetSequence(Document doc) {
        if (doc == null || doc.getString("sheet") == null) {
            return -1;
        }
        return doc.get("sheetSequence", doc.getLong("lastSequence"));
    }

    Stored stored(ProfileSheet sheet) {
        try {
            return new Stored(sheet.id(), sheet.revision(), json.writeValueAsString(sheet.toView()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write profile " + sheet.id(), e);
        }
    }

    private ProfileSheet read(String profileId, String sheet) {
        try {
            return json.readValue(sheet, ProfileSheet.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored profile " + profileId, e);
        }
    }

    /** A profile's sheet, the last event folded into it, and the sequence of the sheet last stored (-1: none). */
    public record Folded(ProfileSheet sheet, long lastSequence, long sheetSequence) {

        static Folded empty() {
            return new Folded(new ProfileSheet(), -1, -1);
        }

        /** A sheet to be stored whole, as a rebuild writes it: a rebuild writes each profile once per many events. */
        public static Folded withSheet(ProfileSheet sheet, long lastSequence) {
            return new Folded(sheet, lastSequence, lastSequence);
        }

        Folded advancedTo(long sequence) {
            return new Folded(sheet, sequence, sheetSequence);
        }

        boolean sheetDue() {
            return lastSequence - sheetSequence >= SHEET_EVERY;
        }
    }

    /**
     * Writes the profiles in one round trip, each its view, and its sheet when due.
     *
     * @return the profiles as now stored (the sheet's sequence moved on where it was written)
     */
    public List<Folded> saveAll(Collection<Folded> folded) {
        Prepared prepared = prepare(folded);
        write(prepared);
        return prepared.saved();
    }

    /**
     * The documents of the profiles as they are now, and the writes of the read models derived from them, to be
     * written by {@link #write} — later, and on another thread, while their sheets go on changing.
     */
    public Prepared prepare(Collection<Folded> folded) {
        List<UpdateOneModel<Document>> writes = new ArrayList<>(folded.size());
        List<Folded> saved = new ArrayList<>(folded.size());
        List<ProfileView> views = new ArrayList<>(folded.size());
        for (Folded profile : folded) {
            Folded stored = profile.sheetDue()
                    ? new Folded(profile.sheet(), profile.lastSequence(), profile.lastSequence()) : profile;
            writes.add(new UpdateOneModel<>(Filters.eq("_id", profile.sheet().id()),
                    new Document("$set", document(stored)), new UpdateOptions().upsert(true)));
            saved.add(stored);
            views.add(profile.sheet().toView());
        }
        List<Runnable> derivedWrites = views.isEmpty() ? List.of()
                : derived.stream().map(model -> model.prepare(views)).toList();
        return new Prepared(writes, saved, derivedWrites);
    }

    /**
     * Profiles' documents ready to be written, the profiles as they will then be stored, and the writes of the read
     * models derived from them.
     */
    public record Prepared(List<UpdateOneModel<Document>> writes, List<Folded> saved, List<Runnable> derivedWrites) {
    }

    /** The derived read models first: a reader that finds a revision here finds it there too. */
    public void write(Prepared prepared) {
        prepared.derivedWrites().forEach(Runnable::run);
        if (!prepared.writes().isEmpty()) {
            profiles.bulkWrite(prepared.writes(), new BulkWriteOptions().ordered(false));
        }
    }

    private Document document(Folded profile) {
        ProfileSheet sheet = profile.sheet();
        ProfileView view = sheet.toView();
        try {
            Document doc = new Document("revision", sheet.revision())
                    .append("lastSequence", profile.lastSequence())
                    .append("name", view.identity().name())
                    .append("shortName", view.identity().shortName())
                    .append("category", view.identity().category())
                    .append("tagline", view.identity().tagline())
                    .append("view", json.writeValueAsString(view));
            if (profile.sheetSequence() == profile.lastSequence()) {
                doc.append("sheet", json.writeValueAsString(sheet)).append("sheetSequence", profile.sheetSequence());
            }
            return doc;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store profile " + sheet.id(), e);
        }
    }

    /** Drops rather than empties: a rebuild waited for every document to be removed, one by one, index and all. */
    void clear() {
        derived.forEach(DerivedReadModel::clear);
        Drops.dropPresent(database, List.of(profiles));
    }
}
