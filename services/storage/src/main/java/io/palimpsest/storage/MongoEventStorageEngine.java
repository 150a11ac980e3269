package io.palimpsest.storage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static io.palimpsest.storage.CommitDocuments.ID;
import static io.palimpsest.storage.CommitDocuments.STREAM;
import static io.palimpsest.storage.CommitDocuments.TIMESTAMP;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;

/**
 * Axon event storage on MongoDB, using only {@code _id} lookups and one unique single-field index, the only
 * operations the embedded mongo-java-server answers without a collection scan. The schema, the concurrency
 * guard and the gap/seal protocol are described in docs/storage.md.
 */
public class MongoEventStorageEngine extends AbstractEventStorageEngine {

    static final String EVENTS = "events";
    static final String COUNTERS = "counters";
    static final String SNAPSHOTS = "snapshots";
    static final String STREAM_INDEX = "stream_unique";
    public static final Set<String> COLLECTIONS = Set.of(EVENTS, COUNTERS, SNAPSHOTS);

    /** Bounds the retries of a writer whose positions keep being sealed; each seal takes a whole gap timeout. */
    private static final int MAX_POSITION_ATTEMPTS = 16;
    private static final int TOKEN_AT_PROBE = 16;
    private static final int REWRITE_BATCH = 1_000;

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> snapshots;
    private final Durability durability;
    private final Clock clock;
    private final int streamWindow;
    private final TrackedCommitReader trackedReader;
    private final CommitAppends appends;
    private final AggregateCommits.ByStream commitsByStream;
    private final AggregateCommits.ByStream commitBoundsByStream;

    MongoEventStorageEngine(Builder builder) {
        super(builder);
        this.events = builder.database.getCollection(EVENTS).withWriteConcern(builder.writeConcern);
        this.counters = builder.database.getCollection(COUNTERS).withWriteConcern(builder.writeConcern);
        this.snapshots = builder.database.getCollection(SNAPSHOTS);
        this.durability = builder.durability;
        this.clock = builder.clock;
        this.streamWindow = builder.streamWindow;
        this.appends = builder.commitAppends != null ? builder.commitAppends
                : CommitAppends.overTheWire(counters, events);
        this.commitsByStream = builder.commitsByStream != null ? builder.commitsByStream
                : AggregateCommits.ByStream.overTheWire(events, null);
        // In-process a whole commit costs no more than its bounds; over the wire its events are left behind.
        this.commitBoundsByStream = builder.commitsByStream != null ? builder.commitsByStream
                : AggregateCommits.ByStream.overTheWire(events, Projections.exclude(CommitDocuments.EVENTS));
        this.trackedReader = new TrackedCommitReader(events, builder.commitsById != null ? builder.commitsById
                : DocumentsById.overTheWire(events), () -> lastPosition().orElse(0L), durability, clock,
                builder.gapTimeout, builder.trackingBatchSize);
        createStreamIndex(events);
    }

    /** The concurrency guard; sparse, as commits without aggregate and sealed positions have no stream. */
    static void createStreamIndex(MongoCollection<Document> events) {
        events.createIndex(Indexes.ascending(STREAM), new IndexOptions().name(STREAM_INDEX).unique(true).sparse(true));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        for (List<? extends EventMessage<?>> commit : commits(events)) {
            insert(commit, serializer, allocatePositions(commit.size()));
        }
        // A command's unit of work holds its aggregate's lock until it is done; waiting for the group commit here
        // would let only one edit of a profile into each commit. Its sender waits instead, once the command has
        // returned and before acknowledging it (editing.ProfileCommands). Appends outside a unit of work wait here.
        if (!CurrentUnitOfWork.isStarted()) {
            durability.awaitDurable();
        }
    }

    /**
     * A unit of work normally appends one aggregate's events; should it carry several aggregates' events, each
     * run becomes its own commit, because a commit document has one stream id.
     */
    private static List<List<? extends EventMessage<?>>> commits(List<? extends EventMessage<?>> events) {
        List<List<? extends EventMessage<?>>> commits = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= events.size(); i++) {
            if (i == events.size() || !Objects.equals(aggregateOf(events.get(i)), aggregateOf(events.get(start)))) {
                commits.add(events.subList(start, i));
                start = i;
            }
        }
        return commits;
    }

    private static String aggregateOf(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domainEvent ? domainEvent.getAggregateIdentifier() : null;
    }

    /**
     * Inserts the commit under the last of its allocated positions, moving to new ones whenever a reader has
     * sealed that position.
     */
    void insert(List<? extends EventMessage<?>> commitEvents, Serializer serializer, long lastPosition) {
        Document commit = CommitDocuments.commit(commitEvents, serializer);
        long position = lastPosition;
        for (int attempt = 1; ; attempt++) {
            // Stamped after allocation: readers rely on a commit being younger than every position below it.
            commit.put(ID, position);
            commit.put(TIMESTAMP, Date.from(clock.instant()));
            try {
                appends.insert(commit);
                return;
            } catch (CommitAppends.DuplicateKey e) {
                Document occupant = events.find(eq(ID, position)).first();
                if (occupant == null) {
                    // The stream id is taken: someone appended at the same sequence number first.
                    handlePersistenceException(e, commitEvents.get(0));
                }
                if (!CommitDocuments.isSealed(occupant)
                        && CommitDocuments.firstEventId(occupant).equals(CommitDocuments.firstEventId(commit))) {
                    // A driver retry of an insert whose first attempt did land.
                    return;
                }
                if (attempt == MAX_POSITION_ATTEMPTS) {
                    throw new EventStoreException("No free position for commit after " + attempt + " attempts", e);
                }
                position = allocatePositions(commitEvents.size());
            }
        }
    }

    /**
     * Every event gets its own global position, hence its own tracking token: Axon's EmbeddedEventStore finds a
     * consumer's place in its cache by token, and events sharing one would be delivered twice.
     *
     * @return the last of {@code count} fresh consecutive positions
     */
    long allocatePositions(int count) {
        return appends.allocate(count);
    }

    private Optional<Long> lastPosition() {
        return appends.lastAllocated();
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String aggregateIdentifier, long firstSequenceNumber) {
        Iterator<Document> commits =
                new AggregateCommits(commitsByStream, aggregateIdentifier, firstSequenceNumber, streamWindow);
        return stream(commits).flatMap(commit -> CommitDocuments.events(commit).stream())
                              .filter(event -> event.getSequenceNumber() >= firstSequenceNumber);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Iterator<Document> commits = new AggregateCommits(commitBoundsByStream, aggregateIdentifier, 0, streamWindow);
        Long last = null;
        while (commits.hasNext()) {
            last = commits.next().getLong(CommitDocuments.LAST_SEQ);
        }
        return Optional.ofNullable(last);
    }

    /**
     * Whether the event is the last of the commit it was appended in, that is of its unit of work: a processor's
     * batch ends only there ({@link WholeCommitBatches}). An event of no aggregate is taken to end its commit.
     */
    public boolean endsItsCommit(EventMessage<?> event) {
        if (!(event instanceof DomainEventMessage<?> domainEvent)) {
            return true;
        }
        Iterator<Document> commits = new AggregateCommits(commitBoundsByStream, domainEvent.getAggregateIdentifier(),
                                                          domainEvent.getSequenceNumber(), streamWindow);
        return !commits.hasNext() || commits.next().getLong(CommitDocuments.LAST_SEQ) == domainEvent.getSequenceNumber();
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        if (trackingToken != null && !(trackingToken instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException("Unsupported token type " + trackingToken.getClass().getName());
        }
        // EmbeddedEventStore wakes its producer on local appends, so there is no reason to block here.
        return stream(new TrackedEvents((GapAwareTrackingToken) trackingToken));
    }

    /** Batches until one brings nothing new; batches that only pass sealed positions are read through. */
    private final class TrackedEvents implements Iterator<TrackedEventData<?>> {

        private GapAwareTrackingToken token;
        private Iterator<TrackedEventData<?>> current = Collections.emptyIterator();
        private boolean exhausted;

        private TrackedEvents(GapAwareTrackingToken token) {
            this.token = token;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && !exhausted) {
                TrackedCommitReader.Batch batch = trackedReader.read(token);
                exhausted = !batch.advanced();
                token = batch.token();
                current = batch.events().iterator();
            }
            return current.hasNext();
        }

        @Override
        public TrackedEventData<?> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        return lastPosition().map(MongoEventStorageEngine::tokenAt).orElse(null);
    }

    /**
     * Binary search by {@code _id} lookups over positions, relying on commit timestamps rising with positions
     * (up to clock skew between writers).
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        long last = lastPosition().orElse(0L);
        long low = 1;
        long high = last + 1;
        while (low < high) {
            long middle = (low + high) >>> 1;
            Document commit = firstCommitFrom(middle, high);
            if (commit == null || !commit.getDate(TIMESTAMP).toInstant().isBefore(dateTime)) {
                high = middle;
            } else {
                low = commit.getLong(ID) + 1;
            }
        }
        return low > last ? createHeadToken() : tokenAt(low - 1);
    }

    /** The lowest unsealed commit in [from, to), probing a few positions per round trip. */
    private Document firstCommitFrom(long from, long to) {
        for (long start = from; start < to; start += TOKEN_AT_PROBE) {
            List<Long> positions = new ArrayList<>(TOKEN_AT_PROBE);
            for (long position = start; position < Math.min(to, start + TOKEN_AT_PROBE); position++) {
                positions.add(position);
            }
            Document lowest = null;
            for (Document commit : events.find(in(ID, positions)).projection(Projections.include(ID, TIMESTAMP,
                                                                                                   CommitDocuments.SEALED))) {
                if (!CommitDocuments.isSealed(commit) && (lowest == null || commit.getLong(ID) < lowest.getLong(ID))) {
                    lowest = commit;
                }
            }
            if (lowest != null) {
                return lowest;
            }
        }
        return null;
    }

    private static TrackingToken tokenAt(long position) {
        return GapAwareTrackingToken.newInstance(position, Collections.emptySet());
    }

    /** Replaces the aggregate's snapshot; an older one surviving a race is still a correct starting point. */
    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        snapshots.replaceOne(eq(ID, snapshot.getAggregateIdentifier()),
                             CommitDocuments.snapshot(snapshot, serializer),
                             new ReplaceOptions().upsert(true));
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Optional.ofNullable(snapshots.find(eq(ID, aggregateIdentifier)).first())
                       .map(CommitDocuments::snapshotData)
                       .stream();
    }

    /**
     * Drops every aggregate snapshot; aggregates are loaded from their events until the next is taken. For when
     * snapshots hold what may no longer be kept (an erased editor's name).
     */
    public void deleteSnapshots() {
        snapshots.deleteMany(new Document());
        durability.awaitDurable();
    }

    /**
     * Rewrites the metadata of the events stored after {@code afterPosition}, in place: {@code rewrite} gets each
     * event's metadata as the serializer wrote it and returns it unchanged or as it is to be stored from now on.
     * The one exception to a log that is never rewritten (docs/operations.md, "Erasure"): metadata only, payloads and
     * positions stay. Commits appended meanwhile may be passed over; a later call from the returned position takes
     * them.
     *
     * @return the last position looked at: the head of the log when the call began
     */
    public long rewriteMetaData(long afterPosition, UnaryOperator<String> rewrite) {
        long head = lastPosition().orElse(0L);
        for (long from = afterPosition + 1; from <= head; from += REWRITE_BATCH) {
            List<Long> positions = new ArrayList<>(REWRITE_BATCH);
            for (long position = from; position <= Math.min(head, from + REWRITE_BATCH - 1); position++) {
                positions.add(position);
            }
            List<ReplaceOneModel<Document>> rewritten = new ArrayList<>();
            for (Document commit : events.find(in(ID, positions))) {
                if (!CommitDocuments.isSealed(commit) && CommitDocuments.rewriteMetaData(commit, rewrite)) {
                    rewritten.add(new ReplaceOneModel<>(eq(ID, commit.get(ID)), commit));
                }
            }
            if (!rewritten.isEmpty()) {
                // One round trip per batch: one per commit made a first pass over a large log take minutes.
                events.bulkWrite(rewritten, new BulkWriteOptions().ordered(false));
            }
        }
        durability.awaitDurable();
        return head;
    }

    private static <T> Stream<T> stream(Iterator<T> iterator) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED
                | Spliterator.NONNULL), false);
    }

    public static class Builder extends AbstractEventStorageEngine.Builder {

        private MongoDatabase database;
        private WriteConcern writeConcern = WriteConcern.ACKNOWLEDGED;
        private Durability durability = Durability.NONE;
        private Clock clock = Clock.systemUTC();
        private Duration gapTimeout = Duration.ofSeconds(10);
        private int trackingBatchSize = 1000;
        private int streamWindow = 256;
        private DocumentsById commitsById;
        private AggregateCommits.ByStream commitsByStream;
        private CommitAppends commitAppends;

        Builder() {
            persistenceExceptionResolver(CommitAppends.DuplicateKey.class::isInstance);
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        /** Write concern for commits, seals and the position counter; MAJORITY with journal on a real MongoDB. */
        public Builder writeConcern(WriteConcern writeConcern) {
            this.writeConcern = writeConcern;
            return this;
        }

        public Builder durability(Durability durability) {
            this.durability = durability;
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        public Builder trackingBatchSize(int trackingBatchSize) {
            this.trackingBatchSize = trackingBatchSize;
            return this;
        }

        public Builder streamWindow(int streamWindow) {
            this.streamWindow = streamWindow;
            return this;
        }

        /**
         * The embedded store serving {@code database}, or null on a real MongoDB: on it, commits are read and
         * appended in-process ({@link #commitsById}, {@link #commitsByStream}, {@link #commitAppends}); without it,
         * over the wire.
         */
        public Builder embeddedStore(EmbeddedMongoServer server, String database) {
            if (server != null) {
                commitsById(server.documentsById(database, EVENTS).orElse(null));
                commitsByStream(server.commitsByStream(database, EVENTS).orElse(null));
                commitAppends(server.commitAppends(database, COUNTERS, EVENTS));
            }
            return this;
        }

        /**
         * How processors' reads find commits by position; by default {@code _id $in} over the wire. The embedded
         * store reads them in-process ({@link EmbeddedMongoServer#documentsById}).
         */
        Builder commitsById(DocumentsById commitsById) {
            this.commitsById = commitsById;
            return this;
        }

        /**
         * How aggregate reads find commits by stream id; by default {@code stream $in} over the wire. The embedded
         * store looks them up in-process ({@link EmbeddedMongoServer#commitsByStream}).
         */
        Builder commitsByStream(AggregateCommits.ByStream commitsByStream) {
            this.commitsByStream = commitsByStream;
            return this;
        }

        /**
         * How appends allocate positions and insert commits; by default over the wire. The embedded store makes them
         * in-process ({@link EmbeddedMongoServer#commitAppends}).
         */
        Builder commitAppends(CommitAppends commitAppends) {
            this.commitAppends = commitAppends;
            return this;
        }

        public MongoEventStorageEngine build() {
            return new MongoEventStorageEngine(this);
        }

        @Override
        protected void validate() {
            super.validate();
            if (database == null || writeConcern == null || durability == null || clock == null
                    || gapTimeout == null) {
                throw new AxonConfigurationException("database, writeConcern, durability, clock and gapTimeout are required");
            }
            if (trackingBatchSize < 1 || streamWindow < 1) {
                throw new AxonConfigurationException("trackingBatchSize and streamWindow must be positive");
            }
        }
    }
}
