package io.palimpsest.history;

import io.palimpsest.editors.EditorNames;
import io.palimpsest.model.ProfileEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole event log, read from its start on a thread of its own that also deserializes every event (payload and
 * metadata are deserialized lazily, by whoever asks first): a rebuild folds on one core while the log is read and
 * decoded on the other. Events are handed over in lots of {@value #EVENTS_PER_LOT}, at most {@value #LOTS_AHEAD}
 * lots ahead of the fold.
 */
final class ReadAhead implements AutoCloseable {

    private static final int EVENTS_PER_LOT = 200;
    private static final int LOTS_AHEAD = 16;
    /** Marks the end of the log; every other lot holds events. */
    private static final List<Read> END = List.of();

    /** An event of the log at its position; {@code event} is null for an event that is not a profile's. */
    record Read(TrackingToken token, HistoryFold.Event event) {
    }

    private final BlockingQueue<List<Read>> lots = new ArrayBlockingQueue<>(LOTS_AHEAD);
    private volatile boolean closed;
    private volatile RuntimeException failure;
    private List<Read> lot = new ArrayList<>();
    private int next;

    ReadAhead(EventStorageEngine log, EditorNames editors, String threadName) {
        Thread reader = new Thread(() -> readAll(log, editors), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    /** The next event of the log, or null at its end. */
    Read next() {
        if (next == lot.size() && lot != END) {
            lot = take();
            next = 0;
        }
        if (lot == END) {
            if (failure != null) {
                throw failure;
            }
            return null;
        }
        return lot.get(next++);
    }

    /** Stops the reader, should the fold end before the log does. */
    @Override
    public void close() {
        closed = true;
    }

    /** Hands over what was read before a failure too: the pass writes as far as it got. */
    private void readAll(EventStorageEngine log, EditorNames editors) {
        List<Read> reading = new ArrayList<>(EVENTS_PER_LOT);
        try (Stream<? extends TrackedEventMessage<?>> events = log.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> it = events.iterator();
            while (it.hasNext()) {
                reading.add(read(it.next(), editors));
                if (reading.size() == EVENTS_PER_LOT) {
                    if (!handOver(reading)) {
                        return;
                    }
                    reading = new ArrayList<>(EVENTS_PER_LOT);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        if (reading.isEmpty() || handOver(reading)) {
            handOver(END);
        }
    }

    private static Read read(TrackedEventMessage<?> message, EditorNames editors) {
        HistoryFold.Event event = message instanceof DomainEventMessage<?> domain
                && domain.getPayload() instanceof ProfileEvent payload
                ? HistoryFold.event(payload, domain, message.getTimestamp(), editors) : null;
        return new Read(message.trackingToken(), event);
    }

    /** Waits for room for the lot, unless the fold has ended meanwhile. */
    private boolean handOver(List<Read> reading) {
        try {
            while (!closed) {
                if (lots.offer(reading, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<Read> take() {
        try {
            return lots.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the event log", e);
        }
    }
}
