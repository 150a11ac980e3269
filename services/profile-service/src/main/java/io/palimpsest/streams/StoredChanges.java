package io.palimpsest.streams;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import io.palimpsest.editors.EditorNames;
import io.palimpsest.model.ProfileEvent;

import java.time.Duration;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The log read forward from a cursor, as Axon's event store streams it to a tracking processor: in position order,
 * positions the store has not decided yet revisited until they are (a late commit arrives then), each event once.
 * Near the head, many such readers share the event store's one producer and its cache.
 */
final class StoredChanges implements AutoCloseable {

    private final BlockingStream<TrackedEventMessage<?>> stream;
    private final EditorNames editors;
    private Cursor cursor;
    private boolean idle;

    StoredChanges(EventStore eventStore, EditorNames editors, Cursor after) {
        this.stream = eventStore.openStream(after.token());
        this.editors = editors;
        this.cursor = after;
    }

    /**
     * The next stored profile change, waiting up to {@code wait} for one; empty if none came (then {@link #idle()})
     * or the next event was not a profile change (the cursor still moves past it).
     */
    Optional<Change> next(Duration wait) throws InterruptedException {
        idle = !stream.hasNextAvailable((int) Math.min(Integer.MAX_VALUE, wait.toMillis()), TimeUnit.MILLISECONDS);
        if (idle) {
            return Optional.empty();
        }
        TrackedEventMessage<?> message = stream.nextAvailable();
        GapAwareTrackingToken before = cursor.token();
        cursor = Cursor.of(message.trackingToken());
        if (message instanceof DomainEventMessage<?> domain && domain.getPayload() instanceof ProfileEvent) {
            return Optional.of(Change.of(domain, editors, position(before, cursor.token()), cursor));
        }
        return Optional.empty();
    }

    /** The last call found nothing stored beyond the cursor: the reader is at the head. */
    boolean idle() {
        return idle;
    }

    /** After everything read so far. */
    Cursor cursor() {
        return cursor;
    }

    /**
     * The event's own position: the new head of the token, or, for a late commit, the undecided position it filled.
     * (Should the store seal other positions in the same step, the highest filled one is taken.)
     */
    private static long position(GapAwareTrackingToken before, GapAwareTrackingToken after) {
        if (after.getIndex() > before.getIndex()) {
            return after.getIndex();
        }
        SortedSet<Long> filled = new TreeSet<>(before.getGaps());
        filled.removeAll(after.getGaps());
        return filled.isEmpty() ? after.getIndex() : filled.last();
    }

    @Override
    public void close() {
        stream.close();
    }
}
