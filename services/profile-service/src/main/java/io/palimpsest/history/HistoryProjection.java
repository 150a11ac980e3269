package io.palimpsest.history;

import io.palimpsest.editing.ProjectionBatch;
import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.ProfileEvent.ClaimRevised;
import io.palimpsest.model.api.ProfileView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the history read models from the event stream, on a tracking processor so it can be
 * replayed. Each revision becomes one entry: the diff of the profile's view before the revision and
 * after its events, folded with the editing fold. Redelivered events (by aggregate sequence) are
 * skipped; every write is keyed by id, so a partly written event may safely be written again. The writes of
 * one batch of the processor are gathered and written together at its end (see {@link ProjectionBatch}).
 */
@Component
@ProcessingGroup(HistoryProjection.PROCESSING_GROUP)
class HistoryProjection {

    static final String PROCESSING_GROUP = "history";
    private static final int HOT_PROFILES = 256;

    private final HistoryStore store;
    private final SheetFolder folder;
    private final ProjectionBatch<HistoryStore.Writes> batch;
    private final Map<String, Tracked> hot = new LinkedHashMap<>(HOT_PROFILES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tracked> eldest) {
            return size() > HOT_PROFILES;
        }
    };

    HistoryProjection(HistoryStore store, SheetFolder folder) {
        this.store = store;
        this.folder = folder;
        this.batch = new ProjectionBatch<>(PROCESSING_GROUP, store::writes, store::save, this::forgetHot);
    }

    /** A profile being tracked: its sheet and blame now, and its view and blame before the revision in progress. */
    private static final class Tracked {
        SheetFolder.Folded folded;
        long revision;
        ProfileView viewBefore;
        Blame blameBefore;
        Blame blame;
        final List<String> events = new ArrayList<>();
    }

    @EventHandler
    synchronized void on(ProfileEvent event, DomainEventMessage<ProfileEvent> message, @Timestamp Instant time) {
        HistoryStore.Writes writes = batch.pending();
        String profileId = event.profileId();
        long sequence = message.getSequenceNumber();
        Tracked tracked = hot.get(profileId);
        if (tracked == null || tracked.folded.lastSequence() != sequence - 1) {
            Optional<HistoryStore.Track> stored = writes.track(profileId).or(() -> store.track(profileId));
            if (stored.isPresent() && sequence <= stored.get().lastSequence()) {
                // Redelivered after its batch was written (the token was not stored): already in the history.
                hot.remove(profileId);
                batch.endOfEvent(writes);
                return;
            }
            tracked = restore(profileId, event.revision(), sequence, stored);
        }
        if (sequence > tracked.folded.lastSequence()) {
            try {
                fold(tracked, event, message, time, writes);
                hot.put(profileId, tracked);
            } catch (RuntimeException e) {
                hot.remove(profileId);
                throw e;
            }
        }
        batch.endOfEvent(writes);
    }

    private void fold(Tracked tracked, ProfileEvent event, DomainEventMessage<ProfileEvent> message, Instant time,
                      HistoryStore.Writes writes) {
        String profileId = event.profileId();
        if (event.revision() != tracked.revision) {
            startRevision(profileId, tracked, event.revision(), writes);
        }
        String editor = SheetFolder.editor(message);
        tracked.folded.sheet().apply(event, editor);
        tracked.folded = new SheetFolder.Folded(tracked.folded.sheet(), message.getSequenceNumber());
        tracked.events.add(describe(event));
        Object summary = message.getMetaData().get("summary");
        HistoryEntry entry = new HistoryEntry(profileId, event.revision(), time, editor,
                summary == null ? null : summary.toString(), List.copyOf(tracked.events),
                ProfileDiff.between(tracked.viewBefore, tracked.folded.sheet().toView()));
        tracked.blame = tracked.blameBefore.with(entry);
        writes.entry(entry);
        writes.track(profileId, new HistoryStore.Track(entry.revision(), message.getSequenceNumber(),
                tracked.blameBefore, tracked.blame));
    }

    private void startRevision(String profileId, Tracked tracked, long revision, HistoryStore.Writes writes) {
        long previous = tracked.folded.sheet().revision();
        if (previous > 0 && previous % folder.checkpointEvery() == 0) {
            writes.checkpoint(profileId, tracked.folded.sheet(), tracked.folded.lastSequence());
        }
        tracked.viewBefore = tracked.folded.sheet().toView();
        tracked.blameBefore = tracked.blame;
        tracked.revision = revision;
        tracked.events.clear();
    }

    /**
     * Picks a profile up where the stored history left it: the sheet just before {@code sequence}; if
     * that sequence continues a revision already begun, also the view and blame before that revision.
     */
    private Tracked restore(String profileId, long revision, long sequence, Optional<HistoryStore.Track> stored) {
        Tracked tracked = new Tracked();
        SheetFolder.Folded before = folder.atRevision(profileId, revision - 1);
        long previousRevision = before.sheet().revision();
        ProfileView viewBefore = before.sheet().toView();
        List<String> begun = new ArrayList<>();
        tracked.folded = folder.foldWhile(profileId, before, e -> e.getSequenceNumber() < sequence,
                e -> begun.add(describe(e)));
        if (begun.isEmpty()) {
            tracked.revision = previousRevision;
            tracked.blame = stored.map(HistoryStore.Track::blame).orElse(Blame.NONE);
        } else {
            tracked.revision = revision;
            tracked.viewBefore = viewBefore;
            tracked.blameBefore = stored.filter(s -> s.revision() == revision).map(HistoryStore.Track::blameBefore)
                    .orElseGet(() -> stored.map(HistoryStore.Track::blame).orElse(Blame.NONE));
            tracked.events.addAll(begun);
        }
        return tracked;
    }

    private static String describe(ProfileEvent event) {
        String type = event.getClass().getSimpleName();
        return event instanceof ClaimRevised revised ? type + ":" + revised.origin() : type;
    }

    private synchronized void forgetHot() {
        hot.clear();
    }

    @ResetHandler
    synchronized void reset() {
        hot.clear();
        store.clear();
    }
}
