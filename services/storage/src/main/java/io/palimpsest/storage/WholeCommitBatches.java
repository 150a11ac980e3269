package io.palimpsest.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event stream of a tracking processor, cut into batches that end only where a commit ends, so that no read
 * model ever stores half of a revision: a reader told "revision N is there" then finds all of it.
 * <p>
 * Axon's processor ends a batch when the stream has nothing more to hand out at once, or at its batch size. Neither
 * knows commits: the event store's producer hands out a commit's events one by one as it deserializes them, and a
 * commit may straddle the batch size. So this stream keeps the batch size itself (the processor is given a larger
 * one), and where a batch would end inside a commit it waits for the commit's remaining events instead, which are
 * already stored. Where a commit ends is the event log's to say ({@link MongoEventStorageEngine#endsItsCommit}), asked
 * only at the end of a batch.
 * <p>
 * A batch that has caught up with the log may also <em>linger</em>: it waits for more events until it is
 * {@code linger} old, as a producer's batch does in Kafka. Under a steady trickle of edits each batch would otherwise
 * hold one commit, and each commit would cost every processor its own writes of the read models and of its token;
 * lingering gathers the commits of a few milliseconds into one batch and one write of each document. A reader
 * waiting for a revision cuts the linger short ({@link Linger#cutShort}), so reading one's own write takes no longer
 * than without it; others find the read models trailing the log by up to the linger.
 * <p>
 * The processor reads a batch by {@code nextAvailable} while {@link BlockingStream#peek} finds more; once this stream
 * has ended a batch by answering "nothing" to {@code peek}, the next event handed out begins the next batch.
 */
public final class WholeCommitBatches implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** How long a batch waits for the rest of its last commit before it gives up and ends where it is. */
    private static final Duration REST_OF_COMMIT = Duration.ofSeconds(10);
    /** How often a lingering batch asks whether to cut its linger short. */
    private static final long CUT_SHORT_CHECK_MILLIS = 2;
    private static final Logger log = LoggerFactory.getLogger(WholeCommitBatches.class);

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final Predicate<TrackedEventMessage<?>> endsCommit;
    private final int batchSize;
    private final Linger linger;

    /**
     * How long a batch that has caught up with the log waits for more events, from its first event on, and what ends
     * the wait early.
     *
     * @param upTo     the longest wait (zero: a batch ends as soon as the log has nothing more)
     * @param cutShort whether someone waits for the batch to be written
     */
    public record Linger(Duration upTo, BooleanSupplier cutShort) {

        public static final Linger NONE = new Linger(Duration.ZERO, () -> true);
    }

    /**
     * @param endsCommit whether an event is the last of its commit
     * @param batchSize  the size at which a batch ends, at the end of the commit that reaches it
     */
    public WholeCommitBatches(StreamableMessageSource<TrackedEventMessage<?>> events, Predicate<TrackedEventMessage<?>> endsCommit,
                              int batchSize, Linger linger) {
        this.events = events;
        this.endsCommit = endsCommit;
        this.batchSize = batchSize;
        this.linger = linger;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new Batches(events.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return events.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return events.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return events.createTokenAt(dateTime);
    }

    private final class Batches implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private TrackedEventMessage<?> last;
        private int handedOut;
        private long batchStartedNanos;
        private boolean batchEnded = true;

        private Batches(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (batchEnded) {
                return Optional.empty();
            }
            Optional<TrackedEventMessage<?>> next = stream.peek();
            if (next.isEmpty() && handedOut < batchSize) {
                next = lingered();
            }
            if ((next.isEmpty() || handedOut >= batchSize) && lastEndsCommit()) {
                batchEnded = true;
                return Optional.empty();
            }
            return next.isPresent() ? next : restOfCommit();
        }

        private Optional<TrackedEventMessage<?>> lingered() {
            long until = batchStartedNanos + linger.upTo().toNanos();
            try {
                for (long left = until - System.nanoTime(); left > 0 && !linger.cutShort().getAsBoolean();
                     left = until - System.nanoTime()) {
                    long wait = Math.max(1, Math.min(CUT_SHORT_CHECK_MILLIS, TimeUnit.NANOSECONDS.toMillis(left)));
                    if (stream.hasNextAvailable((int) wait, TimeUnit.MILLISECONDS)) {
                        return stream.peek();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }

        private boolean lastEndsCommit() {
            return last == null || endsCommit.test(last);
        }

        private Optional<TrackedEventMessage<?>> restOfCommit() {
            try {
                if (stream.hasNextAvailable((int) REST_OF_COMMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    return stream.peek();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.warn("The rest of the commit at {} did not arrive within {}; the batch ends inside it",
                     last.trackingToken(), REST_OF_COMMIT);
            batchEnded = true;
            return Optional.empty();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            if (batchEnded) {
                batchEnded = false;
                handedOut = 0;
                batchStartedNanos = System.nanoTime();
            }
            last = stream.nextAvailable();
            handedOut++;
            return last;
        }

        @Override
        public void close() {
            stream.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }
    }
}
