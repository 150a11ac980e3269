package io.palimpsest.review;

import io.palimpsest.common.ProjectionBatch;
import io.palimpsest.editing.Profile;
import io.palimpsest.editors.EditorNames;
import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.ProfileEvent.ChangeApproved;
import io.palimpsest.model.ProfileEvent.ChangeRejected;
import io.palimpsest.model.ProfileEvent.SuggestionAccepted;
import io.palimpsest.model.ProfileEvent.ChangesUndone;
import io.palimpsest.model.RiskFlag;
import io.palimpsest.review.ReviewStore.EditorRecord;
import io.palimpsest.review.ReviewStore.Head;
import io.palimpsest.review.ReviewedChange.Review;
import io.palimpsest.review.ReviewedChange.State;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the review read models from the event stream, on a tracking processor so a replay rebuilds them exactly:
 * every revision is a change waiting for review in the queue until a review of it, or the review window, takes it
 * out. A change's flags are those its events carry, decided with the edit, and those of its editor's record across
 * profiles at that point of the log ({@link EditorFlags}), so a rebuild raises the same ones.
 */
@Component
@ProcessingGroup(ReviewProjection.PROCESSING_GROUP)
class ReviewProjection {

    static final String PROCESSING_GROUP = "review";
    static final String ALL = "all";

    private final ReviewStore store;
    private final EditorFlags editorFlags;
    private final EditorNames names;
    private final ProjectionBatch<ReviewStore.Writes> batch;
    /** The counts of queue keys and the records of editors: only this projection writes them, so they are kept. */
    private final Map<String, Head> heads = new HashMap<>();
    private final Map<String, EditorRecord> editors = new HashMap<>();

    ReviewProjection(ReviewStore store, EditorFlags editorFlags, EditorNames names) {
        this.store = store;
        this.editorFlags = editorFlags;
        this.names = names;
        this.batch = new ProjectionBatch<>(PROCESSING_GROUP, store::writes, store::save, this::forget);
    }

    @EventHandler
    synchronized void on(ProfileEvent event, DomainEventMessage<ProfileEvent> message, @Timestamp Instant time) {
        ReviewStore.Writes writes = batch.pending();
        writes.readAhead(() -> changesTouched(ProjectionBatch.events()));
        String id = ReviewedChange.id(event.profileId(), event.revision());
        ReviewedChange change = writes.change(id).orElse(null);
        if (change != null && message.getSequenceNumber() <= change.lastSequence()) {
            return;
        }
        String editor = names.of(message.getMetaData());
        List<RiskFlag> flags = flagsOf(message);
        if (change == null) {
            change = begin(event, message, time, editor, flags, writes);
        } else if (!change.flags().containsAll(flags)) {
            change = reflag(change, flags, writes);
        }
        if (event instanceof ChangeApproved approved) {
            change = review(change, approved.changeRevision(), State.APPROVED, null, writes);
        } else if (event instanceof ChangeRejected rejected) {
            change = review(change, rejected.changeRevision(), State.REJECTED, rejected.reason(), writes);
        } else if (event instanceof SuggestionAccepted accepted) {
            change = acceptance(change, editor, time, accepted.suggestionId(), writes);
        } else if (event instanceof ChangesUndone undone) {
            for (long changeRevision : undone.changeRevisions()) {
                change = review(change, changeRevision, State.UNDONE, undone.reason(), writes);
            }
            change = change.asUndoOf(undone.changeRevisions());
        }
        writes.change(change.foldedTo(message.getSequenceNumber()));
        batch.endOfEvent(writes);
    }

    /**
     * The stored changes a batch of events reads as it folds: each event's own revision and the one it pushes out of
     * the review window. Reviews of earlier revisions are rare and read when met.
     */
    private static Set<String> changesTouched(List<EventMessage<?>> events) {
        Set<String> ids = new HashSet<>();
        for (EventMessage<?> message : events) {
            if (message.getPayload() instanceof ProfileEvent event) {
                ids.add(ReviewedChange.id(event.profileId(), event.revision()));
                if (event.revision() - Profile.REVIEW_WINDOW >= 1) {
                    ids.add(ReviewedChange.id(event.profileId(), event.revision() - Profile.REVIEW_WINDOW));
                }
            }
        }
        return ids;
    }

    /**
     * The first event of a revision: a new change, queued unless it changes no content (an approval, or a suggestion
     * made, amended, declined or withdrawn), and the expiry of an old one.
     */
    private ReviewedChange begin(ProfileEvent event, DomainEventMessage<?> message, Instant time, String editor,
                                 List<RiskFlag> eventFlags, ReviewStore.Writes writes) {
        boolean approval = !Profile.isReviewableChange(event);
        List<RiskFlag> flags = new ArrayList<>(eventFlags);
        if (!approval) {
            // An approval is no change of the reviewer's: it neither counts towards a burst nor is judged for one.
            EditorRecord record = editor(editor);
            flags.addAll(editorFlags.of(editor, record, time));
            setEditor(editor, editorFlags.afterChange(record, time), writes);
        }
        Object summary = message.getMetaData().get("summary");
        State state = approval && !(event instanceof ChangeApproved) ? State.NOT_A_CHANGE : State.UNREVIEWED;
        ReviewedChange change = new ReviewedChange(event.profileId(), event.revision(), time, editor,
                summary == null ? null : summary.toString(), flags, state, null, null, null, Map.of(), -1);
        if (!approval) {
            change = enqueue(change, writes);
        }
        expire(event.profileId(), event.revision() - Profile.REVIEW_WINDOW, writes);
        return change;
    }

    private ReviewedChange reflag(ReviewedChange change, List<RiskFlag> flags, ReviewStore.Writes writes) {
        List<RiskFlag> all = new ArrayList<>(change.flags());
        flags.stream().filter(flag -> all.stream().noneMatch(f -> f.code().equals(flag.code()))).forEach(all::add);
        return enqueue(dequeue(change, writes).withFlags(all), writes);
    }

    /**
     * A suggestion accepted: its revision is the suggester's change (its first events), approved at once by the
     * reviewer who accepted it.
     */
    private ReviewedChange acceptance(ReviewedChange change, String reviewer, Instant time, String suggestionId,
                                      ReviewStore.Writes writes) {
        EditorRecord record = editor(change.editor());
        setEditor(change.editor(), new EditorRecord(record.approved() + 1, record.recent()), writes);
        return dequeue(change, writes).reviewed(State.APPROVED,
                new Review(reviewer, time, change.revision(), "accepted suggestion " + suggestionId));
    }

    private ReviewedChange review(ReviewedChange reviewRevision, long changeRevision, State verdict, String reason,
                                  ReviewStore.Writes writes) {
        String targetId = ReviewedChange.id(reviewRevision.profileId(), changeRevision);
        writes.change(targetId).ifPresent(target -> {
            Review by = new Review(reviewRevision.editor(), reviewRevision.time(), reviewRevision.revision(), reason);
            writes.change(dequeue(target, writes).reviewed(verdict, by));
            if (verdict == State.APPROVED) {
                EditorRecord record = editor(target.editor());
                setEditor(target.editor(), new EditorRecord(record.approved() + 1, record.recent()), writes);
            }
        });
        return dequeue(reviewRevision, writes).asReviewOf(changeRevision);
    }

    private void expire(String profileId, long revision, ReviewStore.Writes writes) {
        if (revision < 1) {
            return;
        }
        String id = ReviewedChange.id(profileId, revision);
        writes.change(id).filter(change -> change.state() == State.UNREVIEWED)
                .ifPresent(change -> writes.change(dequeue(change, writes).reviewed(State.EXPIRED, null)));
    }

    private ReviewedChange enqueue(ReviewedChange change, ReviewStore.Writes writes) {
        List<String> codes = change.flags().stream().map(RiskFlag::code).toList();
        Map<String, Long> places = new LinkedHashMap<>();
        for (String key : keys(change, codes)) {
            Head head = head(key);
            places.put(key, head.count());
            writes.enqueue(key, new QueueEntry(change.id(), head.count(), change.profileId(), change.editor(),
                    change.time(), codes));
            setHead(key, new Head(head.count() + 1, head.open() + 1), writes);
        }
        return change.queuedAt(places);
    }

    private ReviewedChange dequeue(ReviewedChange change, ReviewStore.Writes writes) {
        change.queued().forEach((key, place) -> {
            writes.dequeue(key, place, change.id());
            Head head = head(key);
            setHead(key, new Head(head.count(), head.open() - 1), writes);
        });
        return change.queuedAt(Map.of());
    }

    /** The queue keys a change waits under: every change, its profile's, its editor's, and each of its flags'. */
    static List<String> keys(ReviewedChange change, List<String> flagCodes) {
        List<String> keys = new ArrayList<>(List.of(ALL, "profile/" + change.profileId(), "editor/" + change.editor()));
        flagCodes.forEach(code -> keys.add("flag/" + code));
        return keys;
    }

    private Head head(String key) {
        return heads.computeIfAbsent(key, store::head);
    }

    private void setHead(String key, Head head, ReviewStore.Writes writes) {
        heads.put(key, head);
        writes.head(key, head);
    }

    private EditorRecord editor(String name) {
        return editors.computeIfAbsent(name, store::editor);
    }

    private void setEditor(String name, EditorRecord record, ReviewStore.Writes writes) {
        editors.put(name, record);
        writes.editor(name, record);
    }

    @SuppressWarnings("unchecked")
    private static List<RiskFlag> flagsOf(DomainEventMessage<?> message) {
        Object flags = message.getMetaData().get(Profile.FLAGS);
        if (!(flags instanceof List<?> list)) {
            return List.of();
        }
        return ((List<Map<String, Object>>) list).stream()
                .map(flag -> new RiskFlag(String.valueOf(flag.get("code")), String.valueOf(flag.get("sentence"))))
                .toList();
    }

    private synchronized void forget() {
        heads.clear();
        editors.clear();
    }

    @ResetHandler
    synchronized void reset() {
        forget();
        store.clear();
    }
}
