package io.palimpsest.storage;

import static com.mongodb.client.model.Filters.eq;
import static io.palimpsest.storage.CommitDocuments.ID;
import static io.palimpsest.storage.CommitDocuments.SEALED;
import static io.palimpsest.storage.CommitDocuments.TIMESTAMP;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.bson.Document;

/**
 * Reads commits by global position for event processors, one {@code _id $in} round trip per batch. A commit
 * occupies the positions of its events and is stored under the last of them, so the commit covering any wanted
 * position is among the documents asked for.
 * <p>
 * A position that no document covers, below one that exists, was allocated by a writer that has not inserted yet:
 * it stays a gap of the token. Once it has been missing longer than the gap timeout the reader seals it with a
 * tombstone, so a writer that shows up even later cannot insert there and retries under new positions the reader
 * will still see. If sealing hits a duplicate key the commit arrived in the meantime and is read instead.
 * <p>
 * How long a position has been missing is known two ways, and either may seal it: the timestamp of the next commit
 * above it (stamped after the position was allocated), and the time this reader first found it missing. The first
 * alone never sealed under steady load: a reader following the head finds above an old gap only the commits it asks
 * for, all young, so gaps stayed in every token, copied into each one and asked for again on every read.
 */
final class TrackedCommitReader {

    /** Gaps leave a token only when filled or sealed, never because they are far behind. */
    private static final int KEEP_ALL_GAPS = Integer.MAX_VALUE;
    private static final GapAwareTrackingToken BEFORE_FIRST = GapAwareTrackingToken.newInstance(0, Collections.emptySet());

    private final MongoCollection<Document> events;
    private final DocumentsById commits;
    private final LongSupplier lastAllocatedPosition;
    private final Durability durability;
    private final Clock clock;
    private final Duration gapTimeout;
    private final int batchSize;
    /** Positions found missing, with when this reader first found them so; forgotten once covered or sealed. */
    private final Map<Long, Instant> missingSince = new ConcurrentHashMap<>();

    TrackedCommitReader(MongoCollection<Document> events, DocumentsById commits, LongSupplier lastAllocatedPosition,
                        Durability durability, Clock clock, Duration gapTimeout, int batchSize) {
        this.events = events;
        this.commits = commits;
        this.lastAllocatedPosition = lastAllocatedPosition;
        this.durability = durability;
        this.clock = clock;
        this.gapTimeout = gapTimeout;
        this.batchSize = batchSize;
    }

    /**
     * The events of the next batch and the token after it; {@code advanced} also when only sealed positions were
     * passed, so the caller knows to read on. {@code documents}: the commits and seals the batch passed, as stored,
     * in position order (a backup copies them).
     */
    record Batch(List<TrackedEventData<?>> events, List<Document> documents, GapAwareTrackingToken token,
                 boolean advanced) {
    }

    Batch read(GapAwareTrackingToken previous) {
        GapAwareTrackingToken token = previous == null ? BEFORE_FIRST : previous;
        long index = token.getIndex();
        NavigableSet<Long> wanted = new TreeSet<>(token.getGaps());
        NavigableMap<Long, Document> found = new TreeMap<>();
        if (token.hasGaps()) {
            // The commit ending at the index is younger than every gap below it: its timestamp bounds their age.
            wanted.add(index);
        }
        // A reader that has caught up asks only for positions already handed out, not a whole batch of them:
        // every position asked for is an index lookup on the server, and tailing readers ask after every commit.
        long lastAllocated = lastAllocatedPosition.getAsLong();
        long windowEnd = Math.min(index + batchSize, Math.max(lastAllocated, index));
        addWindow(index + 1, windowEnd, new ArrayList<>(wanted), wanted, found);
        if (found.higherKey(index) == null) {
            skipAbandonedWindows(windowEnd + 1, lastAllocated, wanted, found);
        }
        sealExpiredGaps(wanted, found);

        List<TrackedEventData<?>> batch = new ArrayList<>();
        List<Document> passed = new ArrayList<>();
        boolean advanced = false;
        for (Document document : found.values()) {
            boolean passes = false;
            long first = firstPosition(document);
            List<DomainEventData<?>> commitEvents =
                    CommitDocuments.isSealed(document) ? List.of() : CommitDocuments.events(document);
            for (long position = first; position <= document.getLong(ID); position++) {
                if (position <= token.getIndex() && !token.getGaps().contains(position)) {
                    continue;
                }
                token = token.advanceTo(position, KEEP_ALL_GAPS);
                advanced = true;
                passes = true;
                if (!commitEvents.isEmpty()) {
                    batch.add(new TrackedDomainEventData<>(token, commitEvents.get((int) (position - first))));
                }
            }
            if (passes) {
                passed.add(document);
            }
        }
        if (!batch.isEmpty()) {
            // A commit is visible in the store before its writer's group commit has reached the disk. Handing it
            // to processors (live push, projections) only once it is durable means no editor ever sees an edit
            // that a crash could still take back; a writer's own commit usually covers this already.
            durability.awaitDurable();
        }
        return new Batch(batch, passed, token, advanced);
    }

    /**
     * Positions whose writer failed after allocating them are never written, and a commit with more events than
     * a batch spans whole windows. Finding nothing, the reader looks further, up to the last allocated position,
     * for the next document.
     */
    private void skipAbandonedWindows(long from, long last, NavigableSet<Long> wanted,
                                      NavigableMap<Long, Document> found) {
        for (long start = from; start <= last && found.higherKey(from - 1) == null; start += batchSize) {
            addWindow(start, Math.min(last, start + batchSize - 1), List.of(), wanted, found);
        }
    }

    /** Asks for the positions from..to, and in the same round trip for {@code alsoAsk}. */
    private void addWindow(long from, long to, List<Long> alsoAsk, NavigableSet<Long> wanted,
                           NavigableMap<Long, Document> found) {
        List<Long> positions = new ArrayList<>(alsoAsk);
        for (long position = from; position <= to; position++) {
            positions.add(position);
            wanted.add(position);
        }
        if (positions.isEmpty()) {
            return;
        }
        for (Document document : commits.find(positions)) {
            found.put(document.getLong(ID), document);
        }
    }

    /**
     * Seals from the top down: a late commit is stored under its last position, so that one is decided first,
     * and if the commit is there its other positions are covered rather than sealed.
     */
    private void sealExpiredGaps(NavigableSet<Long> wanted, NavigableMap<Long, Document> found) {
        if (found.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Instant expiredBefore = now.minus(gapTimeout);
        List<Long> expired = new ArrayList<>();
        for (long position : wanted.headSet(found.lastKey(), false).descendingSet()) {
            Document above = found.ceilingEntry(position).getValue();
            if (firstPosition(above) <= position) {
                if (!missingSince.isEmpty()) {
                    missingSince.remove(position);
                }
                continue;
            }
            // Positions are allocated in time order and commits stamped after allocation, so the next document
            // above a gap is at most as old as the gap.
            if (above.getDate(TIMESTAMP).toInstant().isBefore(expiredBefore)
                    || missingSince.computeIfAbsent(position, missing -> now).isBefore(expiredBefore)) {
                expired.add(position);
            }
        }
        boolean sealedAny = false;
        for (long position : expired) {
            if (firstPosition(found.ceilingEntry(position).getValue()) <= position) {
                continue;
            }
            Document decided = seal(position);
            missingSince.remove(position);
            if (decided != null) {
                found.put(decided.getLong(ID), decided);
                sealedAny |= CommitDocuments.isSealed(decided);
            }
        }
        if (sealedAny) {
            // A seal lost in a crash could let a late commit in behind readers that already passed it.
            durability.awaitDurable();
        }
    }

    /** Seals the position, or returns what got there first: the late commit or another reader's seal. */
    private Document seal(long position) {
        Document seal = new Document(ID, position).append(SEALED, true).append(TIMESTAMP, Date.from(clock.instant()));
        try {
            events.insertOne(seal);
            return seal;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return events.find(eq(ID, position)).first();
        }
    }

    static long firstPosition(Document document) {
        return CommitDocuments.isSealed(document)
                ? document.getLong(ID)
                : document.getLong(ID) - document.getList(CommitDocuments.EVENTS, Document.class).size() + 1;
    }
}
