package io.palimpsest.review;

import io.palimpsest.model.RiskFlag;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One revision of a profile as review sees it: a change by its editor, with the risks flagged when it was applied
 * and its state; or a review of another change ({@link State#REVIEW}, naming the change in {@code reviews}).
 * {@code queued} says under which queue keys, and at which place in each, it waits for review; {@code lastSequence}
 * is the last event of the revision folded, so a redelivered event is skipped.
 */
record ReviewedChange(String profileId, long revision, Instant time, String editor, String summary,
                      List<RiskFlag> flags, State state, Review review, Long reviews,
                      Map<String, Long> queued, long lastSequence) {

    enum State {
        /** Applied, waiting for a reviewer. */
        UNREVIEWED,
        APPROVED,
        /** Rejected, and taken back in the rejection's revision. */
        REJECTED,
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
        queued = new LinkedHashMap<>(queued);
    }

    static String id(String profileId, long revision) {
        return profileId + "/" + revision;
    }

    String id() {
        return id(profileId, revision);
    }

    ReviewedChange withFlags(List<RiskFlag> more) {
        return new ReviewedChange(profileId, revision, time, editor, summary, more, state, review, reviews, queued,
                lastSequence);
    }

    ReviewedChange reviewed(State verdict, Review by) {
        return new ReviewedChange(profileId, revision, time, editor, summary, flags, verdict, by, reviews, Map.of(),
                lastSequence);
    }

    ReviewedChange asReviewOf(long changeRevision) {
        return new ReviewedChange(profileId, revision, time, editor, summary, flags, State.REVIEW, null,
                changeRevision, Map.of(), lastSequence);
    }

    ReviewedChange queuedAt(Map<String, Long> places) {
        return new ReviewedChange(profileId, revision, time, editor, summary, flags, state, review, reviews, places,
                lastSequence);
    }

    ReviewedChange foldedTo(long sequence) {
        return new ReviewedChange(profileId, revision, time, editor, summary, flags, state, review, reviews, queued,
                sequence);
    }
}
