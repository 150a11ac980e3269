package io.palimpsest.storage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Event processor positions in collection {@code tokens}: one document per segment, {@code _id}
 * {@code <processor>/<segment>}, and one per processor, {@code _id} {@code <processor>}, listing its segments, so
 * nothing is ever looked up by a field other than {@code _id}. The claim protocol is in docs/storage.md.
 */
public class MongoTokenStore implements TokenStore {

    static final String TOKENS = "tokens";
    static final String CONFIG = "config";

    private static final String ID = "_id";
    private static final String SEGMENTS = "segments";
    private static final String SEGMENT = "segment";
    private static final String TOKEN = "token";
    private static final String TOKEN_TYPE = "tokenType";
    private static final String TOKEN_REVISION = "tokenRevision";
    private static final String OWNER = "owner";
    private static final String TIMESTAMP = "timestamp";
    private static final String VERSION = "version";
    private static final String STORAGE_ID = "storageIdentifier";
    private static final String VALUE = "value";
    /** Two local threads (coordinator and worker) may update a segment at once; a few retries settle it. */
    private static final int CLAIM_ATTEMPTS = 5;

    private final MongoCollection<Document> tokens;
    private final MongoCollection<Document> config;
    private final Serializer serializer;
    private final String nodeId;
    private final Duration claimTimeout;
    private final Clock clock;

    public MongoTokenStore(MongoDatabase database, Serializer serializer, Duration claimTimeout) {
        this(database, serializer, claimTimeout, ManagementFactory.getRuntimeMXBean().getName(), Clock.systemUTC());
    }

    MongoTokenStore(MongoDatabase database, Serializer serializer, Duration claimTimeout, String nodeId, Clock clock) {
        this.tokens = database.getCollection(TOKENS);
        this.config = database.getCollection(CONFIG);
        this.serializer = serializer;
        this.claimTimeout = claimTimeout;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        initializeTokenSegments(processorName, segmentCount, null);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        List<Integer> segments = new ArrayList<>(segmentCount);
        for (int segment = 0; segment < segmentCount; segment++) {
            segments.add(segment);
        }
        try {
            // The processor document goes first: of several nodes initialising at once exactly one gets past it.
            tokens.insertOne(new Document(ID, processorName).append(SEGMENTS, segments));
        } catch (MongoWriteException e) {
            throw new UnableToClaimTokenException("Could not initialize segments of " + processorName
                                                          + ". Some segments were already present.");
        }
        for (int segment : segments) {
            tokens.insertOne(unclaimedSegment(initialToken, processorName, segment));
        }
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        try {
            tokens.insertOne(unclaimedSegment(token, processorName, segment));
        } catch (MongoWriteException e) {
            throw new UnableToInitializeTokenException("Segment " + segmentId(processorName, segment)
                                                               + " is already present");
        }
        tokens.updateOne(eq(ID, processorName), Updates.addToSet(SEGMENTS, segment),
                         new UpdateOptions().upsert(true));
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return true;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        SerializedObject<String> serialized = serializedToken(token);
        if (!updateOwned(processorName, segment, serialized)) {
            claim(processorName, segment, serialized);
        }
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return token(claim(processorName, segment, null));
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        List<Integer> segments = segmentsOf(processorName);
        if (segments.contains(segment.splitSegmentId())) {
            throw new UnableToClaimTokenException("Unable to claim " + segmentId(processorName, segment.getSegmentId())
                                                          + ". It has been split into two segments");
        }
        if (!segments.contains(segment.mergeableSegmentId())) {
            throw new UnableToClaimTokenException("Unable to claim " + segmentId(processorName, segment.getSegmentId())
                                                          + ". It has been merged with another segment");
        }
        return fetchToken(processorName, segment.getSegmentId());
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        if (!updateOwned(processorName, segment, null)) {
            claim(processorName, segment, null);
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        tokens.updateOne(ownedBy(processorName, segment),
                         Updates.combine(Updates.set(OWNER, null), Updates.set(TIMESTAMP, now()), Updates.inc(VERSION, 1L)));
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        if (tokens.deleteOne(ownedBy(processorName, segment)).getDeletedCount() == 0) {
            throw new UnableToClaimTokenException("Unable to delete " + segmentId(processorName, segment)
                                                          + ". It is not owned by " + nodeId);
        }
        tokens.updateOne(eq(ID, processorName), Updates.pull(SEGMENTS, segment));
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return segmentsOf(processorName).stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        int[] all = fetchSegments(processorName);
        List<String> ids = new ArrayList<>(all.length);
        for (int segment : all) {
            ids.add(segmentId(processorName, segment));
        }
        List<Segment> available = new ArrayList<>();
        for (Document entry : tokens.find(in(ID, ids))) {
            if (mayClaim(entry)) {
                available.add(Segment.computeSegment(entry.getInteger(SEGMENT), all));
            }
        }
        return available;
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        Document existing = config.find(eq(ID, STORAGE_ID)).first();
        if (existing == null) {
            try {
                config.insertOne(new Document(ID, STORAGE_ID).append(VALUE, UUID.randomUUID().toString()));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            existing = config.find(eq(ID, STORAGE_ID)).first();
        }
        return Optional.of(existing.getString(VALUE));
    }

    /**
     * Claims the segment for this node, optionally storing a new token with it. The claim is a compare-and-set on
     * the entry's version: the decision whether this node may claim is taken in Java on the entry as read, and the
     * write only lands if nobody changed the entry in between.
     */
    private Document claim(String processorName, int segment, SerializedObject<String> newToken) {
        String id = segmentId(processorName, segment);
        for (int attempt = 1; ; attempt++) {
            Document entry = tokens.find(eq(ID, id)).first();
            if (entry == null) {
                throw new UnableToClaimTokenException("Unable to claim " + id + ". It has not been initialized yet");
            }
            if (!mayClaim(entry)) {
                throw new UnableToClaimTokenException("Unable to claim " + id + ". It is owned by "
                                                              + entry.getString(OWNER));
            }
            Document claimed = tokens.findOneAndUpdate(new Document(ID, id).append(VERSION, entry.getLong(VERSION)),
                                                       claimUpdate(newToken),
                                                       new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            if (claimed != null) {
                return claimed;
            }
            if (attempt == CLAIM_ATTEMPTS) {
                throw new UnableToClaimTokenException("Unable to claim " + id + ". It keeps changing concurrently");
            }
        }
    }

    /**
     * The claim of a segment this node already owns, renewed (and a new token stored) in one round trip, where
     * {@link #claim} reads the entry first: a processor stores its token after every batch, and under a steady trickle
     * of edits every batch is one event. False if this node does not own the segment.
     */
    private boolean updateOwned(String processorName, int segment, SerializedObject<String> newToken) {
        return tokens.updateOne(ownedBy(processorName, segment), claimUpdate(newToken)).getMatchedCount() == 1;
    }

    private Bson claimUpdate(SerializedObject<String> newToken) {
        List<Bson> updates = new ArrayList<>(List.of(Updates.set(OWNER, nodeId), Updates.set(TIMESTAMP, now()),
                                                     Updates.inc(VERSION, 1L)));
        if (newToken != null) {
            updates.add(Updates.set(TOKEN, newToken.getData()));
            updates.add(Updates.set(TOKEN_TYPE, newToken.getType().getName()));
            updates.add(Updates.set(TOKEN_REVISION, newToken.getType().getRevision()));
        }
        return Updates.combine(updates);
    }

    private boolean mayClaim(Document entry) {
        String owner = entry.getString(OWNER);
        return owner == null || owner.equals(nodeId)
                || entry.getDate(TIMESTAMP).toInstant().plus(claimTimeout).isBefore(clock.instant());
    }

    /**
     * A flat two-field filter: mongo-java-server scans the collection for it, which is fine for the few documents
     * here, whereas {@code Filters.and} would render {@code $and}.
     */
    private Bson ownedBy(String processorName, int segment) {
        return new Document(ID, segmentId(processorName, segment)).append(OWNER, nodeId);
    }

    private List<Integer> segmentsOf(String processorName) {
        Document processor = tokens.find(eq(ID, processorName)).first();
        return processor == null ? List.of() : processor.getList(SEGMENTS, Integer.class);
    }

    private Document unclaimedSegment(TrackingToken token, String processorName, int segment) {
        SerializedObject<String> serialized = serializedToken(token);
        return new Document(ID, segmentId(processorName, segment))
                .append(SEGMENT, segment)
                .append(TOKEN, serialized == null ? null : serialized.getData())
                .append(TOKEN_TYPE, serialized == null ? null : serialized.getType().getName())
                .append(TOKEN_REVISION, serialized == null ? null : serialized.getType().getRevision())
                .append(OWNER, null)
                .append(TIMESTAMP, now())
                .append(VERSION, 0L);
    }

    private SerializedObject<String> serializedToken(TrackingToken token) {
        return token == null ? null : serializer.serialize(token, String.class);
    }

    private TrackingToken token(Document entry) {
        String data = entry.getString(TOKEN);
        if (data == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(data, String.class, entry.getString(TOKEN_TYPE),
                                                                   entry.getString(TOKEN_REVISION)));
    }

    private Date now() {
        return Date.from(clock.instant());
    }

    private static String segmentId(String processorName, int segment) {
        return processorName + "/" + segment;
    }
}
