package io.palimpsest.storage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
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
import java.util.TreeMap;
import java.util.TreeSet;
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
 * Reads commits by global position for event processors, one {@code _id $in} round trip per batch.
 * <p>
 * A position that is missing below one that exists was allocated by a writer that has not inserted yet: it stays
 * a gap of the token. Once it has been missing longer than the gap timeout the reader seals it with a tombstone,
 * so a writer that shows up even later cannot insert there and retries under a new position the reader will still
 * see. If sealing hits a duplicate key the commit arrived in the meantime and is read instead.
 */
final class TrackedCommitReader {

    /** Gaps leave a token only when filled or sealed, never because they are far behind. */
    private static final int KEEP_ALL_GAPS = Integer.MAX_VALUE;
    private static final GapAwareTrackingToken BEFORE_FIRST = GapAwareTrackingToken.newInstance(0, Collections.emptySet());

    private final MongoCollection<Document> events;
    private final Durability durability;
    private final Clock clock;
    private final Duration gapTimeout;
    private final int batchSize;
    private final LongSupplier lastAllocatedPosition;

    TrackedCommitReader(MongoCollection<Document> events, LongSupplier lastAllocatedPosition, Durability durability,
                        Clock clock, Duration gapTimeout, int batchSize) {
        this.events = events;
        this.lastAllocatedPosition = lastAllocatedPosition;
        this.durability = durability;
        this.clock = clock;
        this.gapTimeout = gapTimeout;
        this.batchSize = batchSize;
    }

    /**
     * The events of the next batch and the token after it; {@code advanced} also when only sealed positions were
     * passed, so the caller knows to read on.
     */
    record Batch(List<TrackedEventData<?>> events, GapAwareTrackingToken token, boolean advanced) {
    }

    Batch read(GapAwareTrackingToken previous) {
        GapAwareTrackingToken token = previous == null ? BEFORE_FIRST : previous;
        long index = token.getIndex();
        List<Long> positions = new ArrayList<>(token.getGaps());
        if (token.hasGaps()) {
            // The commit at the index is younger than every gap below it: its timestamp bounds their age.
            positions.add(index);
        }
        NavigableMap<Long, Document> found = new TreeMap<>();
        find(positions, found);
        long windowEnd = index + batchSize;
        addWindow(index + 1, windowEnd, positions, found);
        if (found.higherKey(index) == null) {
            skipAbandonedWindows(windowEnd + 1, positions, found);
        }
        sealExpiredGaps(positions, found);

        List<TrackedEventData<?>> batch = new ArrayList<>();
        boolean advanced = false;
        for (Map.Entry<Long, Document> entry : found.entrySet()) {
            long position = entry.getKey();
            if (position <= index && !token.getGaps().contains(position)) {
                continue;
            }
            token = token.advanceTo(position, KEEP_ALL_GAPS);
            advanced = true;
            if (!CommitDocuments.isSealed(entry.getValue())) {
                for (DomainEventData<?> event : CommitDocuments.events(entry.getValue())) {
                    batch.add(new TrackedDomainEventData<>(token, event));
                }
            }
        }
        return new Batch(batch, token, advanced);
    }

    /**
     * Positions whose writer failed after allocating them are never written. Should a whole window be such
     * positions, the reader looks further, up to the last allocated position, for the next commit: it makes the
     * positions before it gaps, which time out like any other.
     */
    private void skipAbandonedWindows(long from, List<Long> positions, NavigableMap<Long, Document> found) {
        long last = lastAllocatedPosition.getAsLong();
        for (long start = from; start <= last && found.higherKey(from - 1) == null; start += batchSize) {
            addWindow(start, Math.min(last, start + batchSize - 1), positions, found);
        }
    }

    private void addWindow(long from, long to, List<Long> positions, NavigableMap<Long, Document> found) {
        List<Long> window = new ArrayList<>((int) (to - from + 1));
        for (long position = from; position <= to; position++) {
            window.add(position);
        }
        find(window, found);
        positions.addAll(window);
    }

    private void find(List<Long> positions, NavigableMap<Long, Document> found) {
        if (positions.isEmpty()) {
            return;
        }
        for (Document commit : events.find(in(ID, positions))) {
            found.put(commit.getLong(ID), commit);
        }
    }

    private void sealExpiredGaps(List<Long> positions, NavigableMap<Long, Document> found) {
        if (found.isEmpty()) {
            return;
        }
        Instant expiredBefore = clock.instant().minus(gapTimeout);
        long highest = found.lastKey();
        boolean sealedAny = false;
        for (long position : new TreeSet<>(positions)) {
            if (position >= highest || found.containsKey(position)) {
                continue;
            }
            // Positions are allocated in time order and stamped after allocation, so the next commit above
            // a gap is at most as old as the gap.
            Instant seenSince = found.higherEntry(position).getValue().getDate(TIMESTAMP).toInstant();
            if (seenSince.isBefore(expiredBefore)) {
                Document decided = seal(position);
                if (decided != null) {
                    found.put(position, decided);
                    sealedAny |= CommitDocuments.isSealed(decided);
                }
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
}
