package io.palimpsest.history;

import io.palimpsest.model.ProfileEvent.ClaimRevised;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Event schema revisions and their upcasters, and the history processor's batch size. */
@Configuration
class HistoryConfiguration {

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

    /** Larger batches make a rebuild cheaper: the token is stored once per batch, not once per event. */
    @Bean
    ConfigurerModule historyProcessorBatches(@Value("${palimpsest.history.batch-size:1000}") int batchSize) {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                HistoryProjection.PROCESSING_GROUP,
                config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize));
    }
}
