package io.palimpsest.review;

import io.palimpsest.model.RiskFlag;
import io.palimpsest.review.ReviewedChange.Review;
import io.palimpsest.review.ReviewedChange.State;

import java.time.Instant;
import java.util.List;

/** How one revision stands, as readers see it: what the read model keeps to fold (queue places, sequence) left out. */
record ReviewState(String profileId, long revision, Instant time, String editor, String summary,
                   List<RiskFlag> flags, State state, Review review, Long reviews, List<Long> undoes) {

    static ReviewState of(ReviewedChange change) {
        return new ReviewState(change.profileId(), change.revision(), change.time(), change.editor(), change.summary(),
                change.flags(), change.state(), change.review(), change.reviews(), change.undoes());
    }
}
