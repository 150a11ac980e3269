package io.palimpsest.storage.spring;

import io.palimpsest.editors.PseudonymousEditors;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The event store every processor reads through. Axon's default would look for commits of other nodes only
 * once a second when idle; a node learns of its own commits at once either way. Polling more often costs one
 * counter lookup per poll, and brings another node's edits to this node's subscribers within the interval.
 */
@org.springframework.context.annotation.Configuration
class EventStoreConfiguration {

    /** Events kept for processors that follow the head; one further behind reads the store on its own. */
    static final int CACHED_EVENTS = 1_000;

    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                  PseudonymousEditors editors,
                                  @Value("${palimpsest.storage.poll-interval:PT0.1S}") Duration pollInterval) {
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .timeUnit(TimeUnit.MILLISECONDS)
                .fetchDelay(pollInterval.toMillis())
                .cleanupDelay(TimeUnit.SECONDS.toMillis(10))
                // Every cached event keeps its own tracking token with its own copy of the gap set. With Axon's
                // default of 10,000 those copies once held 142 MB of heap (~270 gaps per token, most of them positions
                // lost to a race and never sealed: both fixed since, docs/benchmarks.md "What limits us now" 7);
                // writers in flight still leave ~20 gaps per token under load.
                .cachedEvents(CACHED_EVENTS)
                .build();
        // Every event is stored with its editor sealed (docs/operations.md, "Erasure").
        store.registerDispatchInterceptor(editors);
        return store;
    }
}
