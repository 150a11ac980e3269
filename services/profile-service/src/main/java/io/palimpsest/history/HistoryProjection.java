package io.palimpsest.history;

import io.palimpsest.common.ProjectionBatch;
import io.palimpsest.editors.EditorNames;
import io.palimpsest.model.ProfileEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Builds the history read models from the event stream ({@link HistoryFold}), on a tracking processor so it can
 * be replayed. The writes of one batch of the processor are gathered and written together at its end (see
 * {@link ProjectionBatch}).
 */
@Component
@ProcessingGroup(HistoryProjection.PROCESSING_GROUP)
class HistoryProjection {

    static final String PROCESSING_GROUP = "history";

    private final HistoryStore store;
    private final HistoryFold fold;
    private final EditorNames editors;
    private final ProjectionBatch<HistoryStore.Writes> batch;

    HistoryProjection(HistoryStore store, SheetFolder folder) {
        this.store = store;
        this.fold = new HistoryFold(store, folder);
        this.editors = folder.editors();
        this.batch = new ProjectionBatch<>(PROCESSING_GROUP, store::writes, store::save, this::forgetHot);
    }

    @EventHandler
    synchronized void on(ProfileEvent event, DomainEventMessage<ProfileEvent> message, @Timestamp Instant time) {
        HistoryStore.Writes writes = batch.pending();
        fold.apply(HistoryFold.event(event, message, time, editors), writes);
        batch.endOfEvent(writes);
    }

    private synchronized void forgetHot() {
        fold.forget();
    }

    @ResetHandler
    synchronized void reset() {
        fold.forget();
        store.clear();
    }
}
