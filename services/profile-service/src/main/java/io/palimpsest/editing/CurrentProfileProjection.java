package io.palimpsest.editing;

import io.palimpsest.model.ProfileEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Folds every profile event into the current-profile read model. Runs on a tracking processor, so it
 * can be replayed from the event store; an event already folded in (by sequence number) is skipped.
 */
@Component
@ProcessingGroup(CurrentProfileProjection.PROCESSING_GROUP)
class CurrentProfileProjection {

    static final String PROCESSING_GROUP = "current-profiles";
    private static final int HOT_PROFILES = 256;

    private final CurrentProfiles profiles;
    /** Sheets of recently edited profiles, so a burst of edits is not re-read from MongoDB each time. */
    private final Map<String, CurrentProfiles.Folded> hot = new LinkedHashMap<>(HOT_PROFILES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CurrentProfiles.Folded> eldest) {
            return size() > HOT_PROFILES;
        }
    };

    CurrentProfileProjection(CurrentProfiles profiles) {
        this.profiles = profiles;
    }

    @EventHandler
    synchronized void on(ProfileEvent event, @MetaDataValue("editor") String editor, @SequenceNumber long sequence) {
        CurrentProfiles.Folded folded = hot.get(event.profileId());
        if (folded == null || folded.lastSequence() != sequence - 1) {
            // Another node may have folded events in between (segments move between nodes): re-read.
            folded = profiles.load(event.profileId()).orElseGet(() -> new CurrentProfiles.Folded(new ProfileSheet(), -1));
        }
        if (sequence <= folded.lastSequence()) {
            return;
        }
        try {
            folded.sheet().apply(event, editor);
            profiles.save(folded.sheet(), sequence);
            hot.put(event.profileId(), new CurrentProfiles.Folded(folded.sheet(), sequence));
        } catch (RuntimeException e) {
            hot.remove(event.profileId());
            throw e;
        }
    }

    @ResetHandler
    synchronized void reset() {
        hot.clear();
        profiles.clear();
    }
}
