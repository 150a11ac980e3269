package io.palimpsest.review;

import io.palimpsest.model.RiskFlag;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One revision of a profile as review sees it: a change by its editor, with the risks flagged when it was applied
 * and its state; or a review of another change ({@link State#REVIEW}, naming the change in {@code reviews}), or a
 * batch undo of several ({@code undoes}, newest first; null for any other revision).
 * {@code queued} says under which queue keys, and at which place in each, it waits for review; {@code lastSequence}
 * is the last event of the revision folded, so a redelivered event is skipped.
 */
record ReviewedChange(String profileId, long revision, Instant time, String editor, String summary,
                      List<RiskFlag> flags, State state, Review review, Long reviews, List<Long> undoes,
                      Map<String, Long> queued, long lastSequence) {

    enum State {
        /** Applied, waiting for a reviewer. */
        UNREVIEWED,
        APPROVED,
        /** Rejected, and taken back in the rejection's revision. */
        REJECTED,
        /** Taken back by a batch undo, in its revision. */
        UNDONE,
        /** Left unreviewed until the profile moved on by the review window: it can no longer be reviewed. */
        EXPIRED,
        /** This revision is itself a review. */
        REVIEW,
        /**
         * This revision changed no content, so there is nothing to review: a suggestion made, amended, declined or
         * withdrawn, or the suggestion mode switched.
         */
        NOT_A_CHANGE
    }

    /** Who reviewed, when, in which revision, and why (a rejection's reason; an approval may give none). */
    record Review(String reviewer, Instant time, long revision, String reason) {
    }

    ReviewedChange {
        flags = List.copyOf(flags);
        undoes = undoes == null ? null : List.copyOf(undoes);
        queued = new LinkedHashMap<>(queued);
    }

    static String id(String profileId, long revision) {
        return profileId + "/" + revision;
    }

    String id() {
        return id(profileId, revision);
    }

    ReviewedChange withFlags(List<RiskFlag> more) {
        return new ReviewedChange(profileId, revision, time, editor, summary, more, state, review, reviews, undoes,
                queued, lastSequence);
    }

    ReviewedChange reviewed(State verdict, Review by) {
        return new ReviewedChange(profileId, revision, time, editor, summary, flags, verdict, by, reviews, undoes,
                Map.of(), lastSequence);
    }

    ReviewedChange asReviewOf(long changeRevision) {
        return new ReviewedChange(profileId, revision, time, editor, summary, flags, State.REVIEW, null,
                changeRevision, null, Map.of(), lastSequence);
    }

    ReviewedChange asUndoOf(List<Long> changeRevisions) {
        return new ReviewedChange(profileId, revision, time, editor, summary, flags, State.REVIEW, null, null,
                changeRevisions, Map.of(), lastSequence);
    }

    ReviewedChange queuedAt(Map<String, Long> places) {
        return new ReviewedChange(profileId, revision, time, editor, summary, flags, state, review, reviews, undoes,
                places, lastSequence);
    }

    ReviewedChange foldedTo(long sequence) {
        return new ReviewedChange(profileId, revision, time, editor, summary, flags, state, review, reviews, undoes,
                queued, sequence);
    }
}
