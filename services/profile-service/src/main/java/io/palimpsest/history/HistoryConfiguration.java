package io.palimpsest.history;

import io.palimpsest.editing.AcknowledgedEdits;
import io.palimpsest.model.ProfileEvent.ClaimRevised;
import io.palimpsest.storage.MongoEventStorageEngine;
import io.palimpsest.storage.WholeCommitBatches;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Event schema revisions and their upcasters, and how the read models' processors run. */
@Configuration
class HistoryConfiguration {

    private static final long WAIT_FOR_EVENTS_MILLIS = 200;
    /** Axon's processor counts up to ten times its batch size, so the bound it is given must leave room for that. */
    private static final int UNBOUNDED_BATCH = Integer.MAX_VALUE / 10;

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
     * The read models' processors. Batches of about {@code batchSize} events, ending where a commit ends
     * ({@link WholeCommitBatches}, which keeps the size; Axon's own bound is lifted): a processor catching up stores
     * its token and writes each touched document once per batch, not once per event, and never half a revision. And
     * a wait for new events of {@value #WAIT_FOR_EVENTS_MILLIS} ms rather than Axon's second: a rebuild begins by
     * stopping both, and each stops only once its wait ends (an idle processor extends its claim after each wait, a
     * write of its token). A batch that has caught up lingers up to {@code palimpsest.read-models.linger} for more
     * (see {@link WholeCommitBatches}): under a trickle of edits that gathers a few into one write of each document;
     * a read waiting for its own write ends the linger at once.
     */
    @Bean
    ConfigurerModule readModelProcessors(@Value("${palimpsest.read-models.batch-size:1000}") int batchSize,
                                         @Value("${palimpsest.read-models.linger:50ms}") Duration linger,
                                         ObjectProvider<MongoEventStorageEngine> eventLog,
                                         AcknowledgedEdits acknowledgedEdits) {
        WholeCommitBatches.Linger lingering = new WholeCommitBatches.Linger(linger, acknowledgedEdits::someoneWaits);
        TrackingEventProcessorConfiguration processing = TrackingEventProcessorConfiguration
                .forSingleThreadedProcessing().andBatchSize(UNBOUNDED_BATCH)
                .andEventAvailabilityTimeout(WAIT_FOR_EVENTS_MILLIS, TimeUnit.MILLISECONDS);
        return configurer -> Replays.READ_MODELS.forEach(name -> configurer.eventProcessing()
                .registerTrackingEventProcessor(name, config -> new WholeCommitBatches(config.eventStore(),
                        event -> eventLog.getObject().endsItsCommit(event), batchSize, lingering), config -> processing));
    }
}
