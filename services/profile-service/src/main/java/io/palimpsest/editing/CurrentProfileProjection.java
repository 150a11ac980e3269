package io.palimpsest.editing;

import io.palimpsest.common.ProjectionBatch;
import io.palimpsest.editors.EditorNames;
import io.palimpsest.model.ProfileEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Folds every profile event into the current-profile read model. Runs on a tracking processor, so it
 * can be replayed from the event store; an event already folded in (by sequence number) is skipped.
 * A profile edited several times in one batch of the processor is written once, at the batch's end
 * (see {@link ProjectionBatch}): a rebuild then writes each profile about once per batch, not per event.
 */
@Component
@ProcessingGroup(CurrentProfileProjection.PROCESSING_GROUP)
class CurrentProfileProjection {

    static final String PROCESSING_GROUP = "current-profiles";
    private static final int HOT_PROFILES = 256;

    private final CurrentProfiles profiles;
    private final EditorNames editors;
    /** Sheets of recently edited profiles, so a burst of edits is not re-read from MongoDB each time. */
    private final Map<String, CurrentProfiles.Folded> hot = new LinkedHashMap<>(HOT_PROFILES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CurrentProfiles.Folded> eldest) {
            return size() > HOT_PROFILES;
        }
    };
    /** Per batch: the profiles folded and not yet written, by id. */
    private final ProjectionBatch<Map<String, CurrentProfiles.Folded>> batch;

    CurrentProfileProjection(CurrentProfiles profiles, EditorNames editors) {
        this.profiles = profiles;
        this.editors = editors;
        this.batch = new ProjectionBatch<>(PROCESSING_GROUP, LinkedHashMap::new, this::write, this::forgetHot);
    }

    @EventHandler
    synchronized void on(ProfileEvent event, MetaData metaData, @SequenceNumber long sequence) {
        Map<String, CurrentProfiles.Folded> pending = batch.pending();
        String profileId = event.profileId();
        CurrentProfiles.Folded folded = pending.containsKey(profileId) ? pending.get(profileId) : hot.get(profileId);
        if (folded == null || folded.lastSequence() != sequence - 1) {
            // Another node may have folded events in between (segments move between nodes): re-read.
            folded = profiles.load(profileId).orElseGet(CurrentProfiles.Folded::empty);
        }
        if (sequence > folded.lastSequence()) {
            try {
                folded.sheet().apply(event, editors.of(metaData));
            } catch (RuntimeException e) {
                hot.remove(profileId);
                throw e;
            }
            CurrentProfiles.Folded now = folded.advancedTo(sequence);
            hot.put(profileId, now);
            pending.put(profileId, now);
        }
        batch.endOfEvent(pending);
    }

    /** Writes the batch; the profiles whose sheet was stored now remember it, so it is not due again at once. */
    private void write(Map<String, CurrentProfiles.Folded> pending) {
        profiles.saveAll(pending.values()).forEach(saved -> hot.put(saved.sheet().id(), saved));
    }

    private synchronized void forgetHot() {
        hot.clear();
    }

    @ResetHandler
    synchronized void reset() {
        hot.clear();
        profiles.clear();
    }
}
