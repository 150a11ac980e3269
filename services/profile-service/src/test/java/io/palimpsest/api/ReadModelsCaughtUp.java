package io.palimpsest.api;

import io.palimpsest.history.Replays;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Waits until every read model's processor has folded the whole event log: a benchmark that appends straight to the
 * store times its reads only then, or it would time them against the folding of what it appended.
 */
public final class ReadModelsCaughtUp {

    private ReadModelsCaughtUp() {
    }

    public static void await(EventStore eventStore, EventProcessingConfiguration processing) {
        long head = eventStore.createHeadToken().position().orElseThrow();
        for (String name : Replays.READ_MODELS) {
            StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                    .orElseThrow();
            while (processor.processingStatus().values().stream().map(EventTrackerStatus::getCurrentPosition)
                    .anyMatch(position -> position.orElse(0) < head)) {
                ServiceTest.pause();
            }
        }
    }
}
