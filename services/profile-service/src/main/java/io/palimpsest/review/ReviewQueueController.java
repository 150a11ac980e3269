package io.palimpsest.review;

import io.palimpsest.common.Ids;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The patrol queue across profiles, and the review state of one change. */
@RestController
@RequestMapping("/api")
class ReviewQueueController {

    private final ReviewQueue queue;
    private final ReviewStore store;

    ReviewQueueController(ReviewQueue queue, ReviewStore store) {
        this.queue = queue;
        this.store = store;
    }

    @GetMapping("/review/queue")
    ReviewQueue.Page queue(@RequestParam(required = false) String profile,
                           @RequestParam(required = false) String editor,
                           @RequestParam(required = false) String flag,
                           @RequestParam(required = false) String since,
                           @RequestParam(required = false) String until,
                           @RequestParam(required = false) Long before,
                           @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > ReviewQueue.MAX_LIMIT) {
            throw new Ids.BadRequest("'limit' must be 1 to " + ReviewQueue.MAX_LIMIT);
        }
        if (before != null && before < 1) {
            throw new Ids.BadRequest("'before' must be a page's 'next'");
        }
        if (editor != null && editor.isBlank()) {
            throw new Ids.BadRequest("'editor' must name an editor, not be empty");
        }
        ReviewQueue.Filter filter = new ReviewQueue.Filter(profile == null ? null : Ids.profile(profile), editor,
                flag == null ? null : Ids.element(flag, "flag"), Ids.instant(since, "since"),
                Ids.instant(until, "until"));
        return queue.page(filter, before, limit);
    }

    /** How one change stands: waiting, approved or rejected (by whom, when, why), expired, or itself a review. */
    @GetMapping("/profiles/{profileId}/revisions/{revision}/review")
    ReviewState review(@PathVariable String profileId, @PathVariable long revision) {
        String id = ReviewedChange.id(Ids.profile(profileId), revision);
        return store.change(id).map(ReviewState::of).orElseThrow(() -> new UnknownChange("No change " + id + " is known to review"));
    }

    /** How each of the profile's revisions named stands, for a history that shows review states beside its entries. */
    @GetMapping("/profiles/{profileId}/reviews")
    Reviews reviews(@PathVariable String profileId, @RequestParam List<Long> revisions) {
        String id = Ids.profile(profileId);
        if (revisions.isEmpty() || revisions.size() > ReviewQueue.MAX_LIMIT) {
            throw new Ids.BadRequest("'revisions' must name 1 to " + ReviewQueue.MAX_LIMIT + " revisions");
        }
        return new Reviews(store.changes(revisions.stream().map(r -> ReviewedChange.id(id, r)).toList()).stream()
                .map(ReviewState::of).toList());
    }

    /** The review states of the revisions asked for that review knows, in the order asked. */
    record Reviews(List<ReviewState> reviews) {
    }

}
