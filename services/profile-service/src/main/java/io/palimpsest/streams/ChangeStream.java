package io.palimpsest.streams;

import org.axonframework.eventhandling.GapAwareTrackingToken;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One consumer's stream: the changes after its cursor that match its filter, first those already stored, then live
 * ones. It reads the stored ones itself, on a thread of its own, until it has caught up; then it joins the node's
 * {@link LiveChanges}, which hands it each new change that may match, and its thread ends: a live consumer costs a
 * queue, and its changes are sent from a small shared pool, as fast as the consumer takes them. A consumer that, once
 * live, is about to be sent a change older than {@code maxDelay}, or lets more than {@value #MAX_QUEUED} pile up, cannot
 * keep up and is cut off.
 */
final class ChangeStream implements Runnable {

    static final int MAX_QUEUED = 1_000;
    private static final Object HEARTBEAT = new Object();

    /** The range is over; {@code resumeAfter} is where the consumer stands. */
    private record End(Cursor resumeAfter) {
    }

    private final StoredChanges changes;
    private final ChangeFilter filter;
    private final ChangeSink sink;
    private final Duration heartbeat;
    private final Duration maxDelay;
    private final Clock clock;
    private final LiveChanges live;
    private final Executor senders;
    /** How long one wait for the log lasts: short enough that a time range ends soon after its end has passed. */
    private final Duration wait;

    /** What this consumer has seen of the log, once live: changed only under the lock of {@link LiveChanges}. */
    private GapAwareTrackingToken seen;
    private final Queue<Object> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private volatile boolean overflowed;
    private volatile boolean done;
    private volatile Cursor sent;
    private volatile Instant lastWrite;

    ChangeStream(StoredChanges changes, ChangeFilter filter, ChangeSink sink, StreamsProperties settings, Clock clock,
                 LiveChanges live, Executor senders) {
        this.changes = changes;
        this.filter = filter;
        this.sink = sink;
        this.heartbeat = settings.heartbeat();
        this.maxDelay = settings.maxDelay();
        this.clock = clock;
        this.live = live;
        this.senders = senders;
        this.wait = waitFor(settings);
    }

    /** The longest a stream or the live reader waits for the log before it looks at the time again. */
    static Duration waitFor(StreamsProperties settings) {
        return settings.heartbeat().compareTo(Duration.ofSeconds(1)) < 0 ? settings.heartbeat() : Duration.ofSeconds(1);
    }

    /** Catching up: the stored changes after the cursor, then the hand-over to the live reader. */
    @Override
    public void run() {
        try (changes) {
            catchUp();
        } catch (IOException e) {
            // The consumer went away while being sent to; it resumes from the id of the last change it received.
        } catch (InterruptedException e) {
            sink.stop();
            Thread.currentThread().interrupt();
        }
    }

    private void catchUp() throws IOException, InterruptedException {
        boolean atHead = false;
        sent = changes.cursor();
        lastWrite = clock.instant();
        while (sink.isOpen()) {
            Optional<Change> next = changes.next(wait);
            Instant now = clock.instant();
            if (next.isPresent()) {
                Change change = next.get();
                if (filter.isAfterRange(change.time())) {
                    sink.end(sent);
                    return;
                }
                if (filter.matches(change)) {
                    if (atHead && change.time().plus(maxDelay).isBefore(now)) {
                        sink.cutOff(sent);
                        return;
                    }
                    sink.change(change);
                    sent = change.cursor();
                    lastWrite = now;
                }
            } else if (changes.idle()) {
                atHead = true;
                if (filter.isAfterRange(now)) {
                    sink.end(changes.cursor());
                    return;
                }
                if (live.join(this, changes.cursor().token())) {
                    return;
                }
            }
            if (!Duration.between(lastWrite, now).minus(heartbeat).isNegative()) {
                sink.heartbeat();
                lastWrite = now;
            }
        }
    }

    /** The profiles whose changes this stream wants; none: every profile's. */
    Set<String> profiles() {
        return filter.profiles();
    }

    // ---- live: called by LiveChanges, under its lock; nothing here waits ----

    void joined(GapAwareTrackingToken seenSoFar) {
        seen = seenSoFar;
    }

    void offer(Change change) {
        long position = change.position();
        if (done || seen.getIndex() >= position && !seen.getGaps().contains(position)) {
            return; // read while catching up
        }
        seen = (GapAwareTrackingToken) seen.upperBound(change.cursor().token());
        if (filter.isAfterRange(change.time())) {
            send(new End(new Cursor(seen)));
        } else if (filter.matches(change)) {
            send(change.at(new Cursor(seen)));
        }
    }

    void tick(Instant now, GapAwareTrackingToken handedOut) {
        if (done || !sink.isOpen()) {
            finish();
        } else if (filter.isAfterRange(now)) {
            send(new End(Cursor.of(seen.upperBound(handedOut))));
        } else if (!Duration.between(lastWrite, now).minus(heartbeat).isNegative()) {
            send(HEARTBEAT);
        }
    }

    void stop() {
        done = true;
        sink.stop();
    }

    private void send(Object item) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            overflowed = true;
            queued.decrementAndGet();
        } else {
            outbox.add(item);
        }
        if (sending.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
    }

    /** On a sender's thread, one at a time: the sink is only ever called by one thread at once. */
    private void drain() {
        try {
            Object item;
            while (!done && (item = outbox.poll()) != null) {
                queued.decrementAndGet();
                deliver(item);
            }
            if (!done && overflowed) {
                sink.cutOff(sent);
                finish();
            }
        } catch (IOException gone) {
            finish();
        } finally {
            sending.set(false);
            if (!done && (!outbox.isEmpty() || overflowed) && sending.compareAndSet(false, true)) {
                senders.execute(this::drain);
            }
        }
    }

    private void deliver(Object item) throws IOException {
        Instant now = clock.instant();
        if (item == HEARTBEAT) {
            sink.heartbeat();
            lastWrite = now;
        } else if (item instanceof End end) {
            sink.end(end.resumeAfter());
            finish();
        } else if (item instanceof Change change) {
            if (change.time().plus(maxDelay).isBefore(now)) {
                sink.cutOff(sent);
                finish();
                return;
            }
            sink.change(change);
            sent = change.cursor();
            lastWrite = now;
        }
    }

    private void finish() {
        done = true;
        live.leave(this);
    }
}
