package io.palimpsest.history;

import io.palimpsest.editing.CurrentProfiles;
import io.palimpsest.editing.ReadModelRebuilds;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds every read model from the event store: the tracking processors of the read models are stopped and their
 * tokens reset (their reset handlers empty their collections), one {@link FullRebuild} pass folds the whole log into
 * the current profiles and the history, and their processors start again where it ended, so edits made during the
 * rebuild are folded like any other. The review read models are replayed by their own processor meanwhile. While the
 * history is incomplete, history reads answer 503 rather than a partial history, and so does the list of profiles.
 */
@Service
public class Replays implements ReadModelRebuilds {

    /** The current-profile projection's processor (package editing). */
    private static final String CURRENT_PROFILES = "current-profiles";
    /** The review projection's processor (package review). */
    private static final String REVIEW = "review";
    public static final List<String> READ_MODELS = List.of(CURRENT_PROFILES, HistoryProjection.PROCESSING_GROUP,
            REVIEW);
    /** The read models the one pass folds; the others are replayed by their own processors meanwhile. */
    private static final List<String> FOLDED_IN_ONE_PASS = List.of(CURRENT_PROFILES,
            HistoryProjection.PROCESSING_GROUP);
    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    private final EventProcessingConfiguration processing;
    private final EventStorageEngine eventLog;
    private final HistoryStore history;
    private final SheetFolder folder;
    private final CurrentProfiles profiles;
    private final TokenStore tokens;
    private volatile Started started;
    private volatile boolean closing;

    Replays(EventProcessingConfiguration processing, EventStorageEngine eventLog, HistoryStore history,
            SheetFolder folder, CurrentProfiles profiles, TokenStore tokens) {
        this.processing = processing;
        this.eventLog = eventLog;
        this.history = history;
        this.folder = folder;
        this.profiles = profiles;
        this.tokens = tokens;
    }

    /** A rebuild begun on this node: {@code handedOverAt} is set when its pass hands over to the processors. */
    private record Started(Instant at, long head, FullRebuild pass, CountDownLatch handedOver,
                           AtomicReference<Instant> handedOverAt) {

        /** Until the processors are started again after the pass. */
        boolean passRunning() {
            return handedOver.getCount() > 0;
        }
    }

    /** Progress of the last rebuild: positions of the event log done of total, rate and estimated finish. */
    public record Progress(boolean rebuilding, Instant startedAt, long eventsDone, long eventsTotal, double eventsPerSecond,
                    Instant estimatedFinish, List<ReadModel> readModels) {
    }

    public record ReadModel(String name, boolean replaying, long position) {
    }

    /** Starts a rebuild, unless one is under way. */
    synchronized Progress start() {
        if (started != null && started.passRunning()) {
            return progress();
        }
        Instant at = Instant.now();
        TrackingToken head = eventLog.createHeadToken();
        Started run = new Started(at, position(head),
                new FullRebuild(eventLog, history, folder, profiles, tokens, FOLDED_IN_ONE_PASS, head),
                new CountDownLatch(1),
                new AtomicReference<>());
        Started before = started;
        // Reads count as during the rebuild from before the read models are emptied by the reset.
        started = run;
        try {
            // A processor stops when its wait for new events ends (HistoryConfiguration): stopped together, they wait
            // for that together.
            CompletableFuture.allOf(READ_MODELS.stream().map(name -> processor(name).shutdownAsync())
                    .toArray(CompletableFuture[]::new)).join();
            READ_MODELS.forEach(name -> processor(name).resetTokens());
            READ_MODELS.stream().filter(name -> !FOLDED_IN_ONE_PASS.contains(name))
                    .forEach(name -> processor(name).start());
        } catch (RuntimeException e) {
            // Another node holds a segment, say: no rebuild, but the read models must not stay stopped.
            started = before;
            READ_MODELS.forEach(name -> processor(name).start());
            throw e;
        }
        new Thread(() -> rebuild(run), "read-model-rebuild").start();
        return progress();
    }

    /**
     * Starts a rebuild from the beginning of the log even while one is under way: that one's pass is stopped first, as
     * it may have folded what must no longer be in the read models (an erased editor's name).
     */
    public synchronized Progress startOver() throws InterruptedException {
        Started run = started;
        if (run != null && run.passRunning()) {
            run.pass().stop();
            run.handedOver().await();
        }
        return start();
    }

    /** A pass that fails leaves tokens at what it wrote: the processors, started in any case, go on from there. */
    private void rebuild(Started run) {
        try {
            run.pass().run();
        } catch (RuntimeException e) {
            log.error("The rebuild pass failed at position {}; the event processors carry on from there",
                    run.pass().position(), e);
        } finally {
            if (closing) {
                log.info("The node's shutdown stopped the rebuild pass at position {}; the event processors carry on "
                        + "from there when it starts again", run.pass().position());
            } else {
                FOLDED_IN_ONE_PASS.forEach(name -> processor(name).start());
            }
            run.handedOverAt().set(Instant.now());
            run.handedOver().countDown();
        }
    }

    /**
     * A node shut down during a rebuild ends the pass at its next event, while the store is still open, and leaves
     * its processors stopped: their replay tokens stand at the pass's last write.
     */
    @PreDestroy
    void stopRebuild() throws InterruptedException {
        closing = true;
        Started run = started;
        if (run != null && run.passRunning()) {
            run.pass().stop();
            if (!run.handedOver().await(30, TimeUnit.SECONDS)) {
                log.warn("The rebuild pass did not stop within 30 s of the node's shutdown");
            }
        }
    }

    public Progress progress() {
        Started run = started;
        boolean passRunning = run != null && run.passRunning();
        List<ReadModel> models = READ_MODELS.stream()
                .map(name -> passRunning && FOLDED_IN_ONE_PASS.contains(name)
                        ? new ReadModel(name, true, run.pass().position()) : readModel(name))
                .toList();
        boolean rebuilding = models.stream().anyMatch(ReadModel::replaying);
        if (run == null) {
            // A rebuild begun before this node last started, finished by its processors: no start or rate known here.
            if (!rebuilding) {
                return new Progress(false, null, 0, 0, 0, null, models);
            }
            long slowest = models.stream().mapToLong(ReadModel::position).min().orElse(0);
            long head = Math.max(slowest, position(eventLog.createHeadToken()));
            return new Progress(true, null, slowest, head, 0, null, models);
        }
        long total = run.head();
        long slowest = models.stream().mapToLong(ReadModel::position).min().orElse(0);
        long done = rebuilding ? Math.min(total, slowest) : total;
        // A finished rebuild keeps the rate and finish it had, rather than a rate falling with every later request.
        Instant end = rebuilding || run.handedOverAt().get() == null ? Instant.now() : run.handedOverAt().get();
        double seconds = Math.max(Duration.between(run.at(), end).toMillis(), 1) / 1000.0;
        double rate = done / seconds;
        Instant finish = !rebuilding ? end
                : rate > 0 ? end.plusMillis((long) ((total - done) / rate * 1000)) : null;
        return new Progress(rebuilding, run.at(), done, total, rate, finish, models);
    }

    /** Refuses history reads while the history read models are incomplete. */
    void requireServing() {
        requireRebuilt(HistoryProjection.PROCESSING_GROUP, "History");
    }

    @Override
    public boolean currentProfilesRebuilding() {
        return rebuilding(CURRENT_PROFILES);
    }

    @Override
    public void requireCurrentProfilesWhole(String what) {
        requireRebuilt(CURRENT_PROFILES, what);
    }

    private void requireRebuilt(String readModel, String what) {
        if (rebuilding(readModel)) {
            Progress progress = progress();
            throw new Rebuilding(what + " is being rebuilt: " + progress.eventsDone() + " of "
                    + progress.eventsTotal() + " events done; retry shortly");
        }
    }

    private boolean rebuilding(String readModel) {
        Started run = started;
        return (run != null && run.passRunning()) || readModel(readModel).replaying();
    }

    /**
     * A processor replaying the log has replayed it once it reached the log's head: its token says "replaying" until
     * the next event comes, however idle the store.
     */
    private ReadModel readModel(String name) {
        StreamingEventProcessor processor = processor(name);
        long position = processor.processingStatus().values().stream().map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.orElse(0)).min().orElse(0);
        boolean replaying = processor.isReplaying() && position < position(eventLog.createHeadToken());
        return new ReadModel(name, replaying, position);
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow(() ->
                new IllegalStateException("No streaming processor '" + name + "'"));
    }

    private static long position(TrackingToken token) {
        OptionalLong position = token == null ? OptionalLong.empty() : token.position();
        return position.orElse(0);
    }
}
