package io.palimpsest.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palimpsest.model.ProfileEvent.ClaimRevised;
import org.axonframework.common.Registration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Counts the edits of a claim's text that were merged three-way with a concurrent change: accepted, but only because
 * the merge succeeded, which the answer does not tell. The aggregate says so in the event; the event store hands this
 * node's own events to its subscribers as they are committed.
 */
@Component
class MergedEdits implements AutoCloseable {

    static final String MERGED = "palimpsest.edits.merged";

    private final Registration subscription;

    MergedEdits(EventStore eventStore, MeterRegistry registry) {
        Counter merged = Counter.builder(MERGED).description("Claim edits merged three-way with a concurrent change")
                .register(registry);
        this.subscription = eventStore.subscribe(events -> events.forEach(event -> {
            if (event.getPayload() instanceof ClaimRevised revised && revised.merged()) {
                merged.increment();
            }
        }));
    }

    @Override
    public void close() {
        subscription.cancel();
    }
}
