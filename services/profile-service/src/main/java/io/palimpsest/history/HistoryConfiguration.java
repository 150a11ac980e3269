package io.palimpsest.history;

import io.palimpsest.model.ProfileEvent.ClaimRevised;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/** Event schema revisions and their upcasters, and how the read models' processors run. */
@Configuration
class HistoryConfiguration {

    private static final long WAIT_FOR_EVENTS_MILLIS = 200;

    /**
     * Shared-model events carry no Axon annotations, so their schema revisions are named here; an event
     * not named has no revision (revision 1).
     */
    @Bean
    RevisionResolver revisionResolver() {
        AnnotationRevisionResolver annotations = new AnnotationRevisionResolver();
        return type -> type == ClaimRevised.class ? ClaimRevisedUpcaster.REVISION : annotations.revisionOf(type);
    }

    @Bean
    ClaimRevisedUpcaster claimRevisedUpcaster() {
        return new ClaimRevisedUpcaster();
    }

    /**
     * The read models' processors. Batches of up to {@code batchSize} events: a processor catching up stores its
     * token and writes each touched document once per batch, not once per event. And a wait for new events of
     * {@value #WAIT_FOR_EVENTS_MILLIS} ms rather than Axon's second: a rebuild begins by stopping both, and each stops
     * only once its wait ends (an idle processor extends its claim after each wait, a write of its token).
     */
    @Bean
    ConfigurerModule readModelProcessors(@Value("${palimpsest.read-models.batch-size:1000}") int batchSize) {
        TrackingEventProcessorConfiguration processing = TrackingEventProcessorConfiguration
                .forSingleThreadedProcessing().andBatchSize(batchSize)
                .andEventAvailabilityTimeout(WAIT_FOR_EVENTS_MILLIS, TimeUnit.MILLISECONDS);
        return configurer -> Replays.READ_MODELS.forEach(name -> configurer.eventProcessing()
                .registerTrackingEventProcessorConfiguration(name, config -> processing));
    }
}
