package io.palimpsest.history;

import io.palimpsest.editors.EditorNames;
import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.ProfileEvent.ClaimRevised;
import io.palimpsest.model.api.ProfileView;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds profile events into the history read models, one event at a time, with nothing of an event processor
 * around it: the history projection feeds it live events, a full rebuild the whole log. Each revision becomes one
 * entry: the diff of the profile's view before the revision and after its events. An event whose aggregate
 * sequence the stored history has passed is skipped, so redelivered events are harmless.
 */
final class HistoryFold {

    private static final int HOT_PROFILES = 256;

    private final HistoryStore store;
    private final SheetFolder folder;
    private final Map<String, Tracked> hot = new LinkedHashMap<>(HOT_PROFILES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tracked> eldest) {
            return size() > HOT_PROFILES;
        }
    };

    HistoryFold(HistoryStore store, SheetFolder folder) {
        this.store = store;
        this.folder = folder;
    }

    /** One stored event with what its message says about it. */
    record Event(ProfileEvent payload, long sequence, Instant time, String editor, String summary) {
    }

    static Event event(ProfileEvent payload, DomainEventMessage<?> message, Instant time, EditorNames editors) {
        Object summary = message.getMetaData().get("summary");
        return new Event(payload, message.getSequenceNumber(), time, editors.of(message.getMetaData()),
                summary == null ? null : summary.toString());
    }

    /** A profile being tracked: its sheet and blame now, and its view and blame before the revision in progress. */
    private static final class Tracked {
        SheetFolder.Folded folded;
        long revision;
        ProfileView viewBefore;
        /** The view after the last event folded, which is the view before the next revision. */
        ProfileView viewAfter;
        Blame blameBefore;
        Blame blame;
        final List<String> events = new ArrayList<>();
        /**
         * The editor and summary of the revision in progress: those of its first event. A revision's events share them,
         * but for an accepted suggestion, whose edit is the suggester's and whose last event, the acceptance, the
         * reviewer's.
         */
        String editor;
        String summary;
    }

    /**
     * Folds the event into {@code writes}.
     *
     * @return the profile after the event, or empty if the history already had it
     */
    Optional<SheetFolder.Folded> apply(Event event, HistoryStore.Writes writes) {
        String profileId = event.payload().profileId();
        Tracked tracked = continued(event);
        if (tracked == null) {
            Optional<HistoryStore.Track> stored = writes.track(profileId).or(() -> store.track(profileId));
            if (stored.isPresent() && event.sequence() <= stored.get().lastSequence()) {
                // Redelivered after its batch was written (the token was not stored): already in the history.
                hot.remove(profileId);
                return Optional.empty();
            }
            tracked = restore(profileId, event.payload().revision(), event.sequence(), stored);
        }
        if (event.sequence() <= tracked.folded.lastSequence()) {
            return Optional.empty();
        }
        try {
            fold(tracked, event, writes);
            hot.put(profileId, tracked);
            return Optional.of(tracked.folded);
        } catch (RuntimeException e) {
            hot.remove(profileId);
            throw e;
        }
    }

    /** Whether the event follows what is held of its profile in memory; if not, {@link #apply} reads the store. */
    boolean continues(Event event) {
        return continued(event) != null;
    }

    private Tracked continued(Event event) {
        Tracked tracked = hot.get(event.payload().profileId());
        return tracked != null && tracked.folded.lastSequence() == event.sequence() - 1 ? tracked : null;
    }

    /** Forgets every profile held in memory: what they were folded to was not written. */
    void forget() {
        hot.clear();
    }

    private void fold(Tracked tracked, Event event, HistoryStore.Writes writes) {
        ProfileEvent payload = event.payload();
        String profileId = payload.profileId();
        if (payload.revision() != tracked.revision) {
            startRevision(profileId, tracked, payload.revision(), writes);
        }
        if (tracked.events.isEmpty() || tracked.editor == null) {
            // Also a revision begun in an earlier batch (restored): stored before batches ended only where commits do.
            tracked.editor = event.editor();
            tracked.summary = event.summary();
        }
        tracked.folded.sheet().apply(payload, event.editor());
        tracked.folded = new SheetFolder.Folded(tracked.folded.sheet(), event.sequence());
        tracked.events.add(describe(payload));
        tracked.viewAfter = tracked.folded.sheet().toView();
        HistoryEntry entry = new HistoryEntry(profileId, payload.revision(), event.time(), tracked.editor,
                tracked.summary, List.copyOf(tracked.events),
                ProfileDiff.between(tracked.viewBefore, tracked.viewAfter));
        tracked.blame = tracked.blameBefore.with(entry);
        writes.entry(entry);
        writes.track(profileId, new HistoryStore.Track(entry.revision(), event.sequence(), tracked.blameBefore,
                tracked.blame));
    }

    private void startRevision(String profileId, Tracked tracked, long revision, HistoryStore.Writes writes) {
        long previous = tracked.folded.sheet().revision();
        if (previous > 0 && previous % folder.checkpointEvery() == 0) {
            writes.checkpoint(profileId, tracked.folded.sheet(), tracked.folded.lastSequence());
        }
        tracked.viewBefore = tracked.viewAfter != null ? tracked.viewAfter : tracked.folded.sheet().toView();
        tracked.blameBefore = tracked.blame;
        tracked.revision = revision;
        tracked.events.clear();
        tracked.editor = null;
        tracked.summary = null;
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
}
