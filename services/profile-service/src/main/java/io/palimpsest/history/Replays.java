package io.palimpsest.history;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Rebuilds every read model from the event store: each projection's tracking processor is stopped,
 * its token reset (its reset handler empties its collections) and started again; it then folds the
 * whole event log and carries on with live events, so edits made during the rebuild are not lost.
 * While the history processor replays, history reads answer 503 rather than a partial history.
 */
@Service
class Replays {

    static final List<String> READ_MODELS = List.of("current-profiles", HistoryProjection.PROCESSING_GROUP);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private volatile Started started;

    Replays(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    private record Started(Instant at, long head) {
    }

    /** Progress of the last rebuild: positions of the event log done of total, rate and estimated finish. */
    record Progress(boolean rebuilding, Instant startedAt, long eventsDone, long eventsTotal, double eventsPerSecond,
                    Instant estimatedFinish, List<ReadModel> readModels) {
    }

    record ReadModel(String name, boolean replaying, long position) {
    }

    synchronized Progress start() {
        long head = position(eventStore.createHeadToken());
        started = new Started(Instant.now(), head);
        for (String name : READ_MODELS) {
            StreamingEventProcessor processor = processor(name);
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        return progress();
    }

    Progress progress() {
        List<ReadModel> models = READ_MODELS.stream().map(this::readModel).toList();
        boolean rebuilding = models.stream().anyMatch(ReadModel::replaying);
        Started run = started;
        if (run == null) {
            return new Progress(false, null, 0, 0, 0, null, models);
        }
        long done = models.stream().mapToLong(ReadModel::position).min().orElse(0);
        long total = Math.max(run.head(), done);
        double seconds = Math.max(Duration.between(run.at(), Instant.now()).toMillis(), 1) / 1000.0;
        double rate = Math.min(done, run.head()) / seconds;
        Instant finish = !rebuilding ? Instant.now()
                : rate > 0 ? Instant.now().plusMillis((long) ((total - done) / rate * 1000)) : null;
        return new Progress(rebuilding, run.at(), Math.min(done, total), total, rate, finish, models);
    }

    /** Refuses history reads while the history read models are incomplete. */
    void requireServing() {
        ReadModel history = readModel(HistoryProjection.PROCESSING_GROUP);
        if (history.replaying()) {
            Progress progress = progress();
            throw new Rebuilding("History is being rebuilt: " + progress.eventsDone() + " of "
                    + progress.eventsTotal() + " events done; retry shortly");
        }
    }

    private ReadModel readModel(String name) {
        StreamingEventProcessor processor = processor(name);
        boolean replaying = processor.isReplaying();
        long position = processor.processingStatus().values().stream().map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.orElse(0)).min().orElse(0);
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
