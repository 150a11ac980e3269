package io.palimpsest.review;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palimpsest.common.Ids;
import io.palimpsest.history.ChangeDetails;
import io.palimpsest.model.RiskFlag;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The patrol queue: the changes waiting for review, newest first, filtered and paged. A page walks the chunks of
 * the most selective queue key the filter names (a profile's, else an editor's, else a flag's, else all changes),
 * newest chunk first, a few chunks per lookup, and checks the rest of the filter on the entries themselves; only the
 * changes of the page are then read, with their diffs from history.
 */
@Service
class ReviewQueue {

    static final int MAX_LIMIT = 200;
    /** Chunks read per lookup while walking back. */
    private static final int CHUNKS_PER_READ = 8;

    private final ReviewStore store;
    private final ChangeDetails details;

    ReviewQueue(ReviewStore store, ChangeDetails details) {
        this.store = store;
        this.details = details;
    }

    record Filter(String profileId, String editor, String flag, Instant since, Instant until) {
        Filter {
            if (since != null && until != null && since.isAfter(until)) {
                throw new Ids.BadRequest("'since' must lie before 'until'");
            }
        }

        String key() {
            return profileId != null ? "profile/" + profileId : editor != null ? "editor/" + editor
                    : flag != null ? "flag/" + flag : ReviewProjection.ALL;
        }

        boolean matches(QueueEntry entry) {
            return (profileId == null || profileId.equals(entry.profileId()))
                    && (editor == null || editor.equals(entry.editor()))
                    && (flag == null || entry.flags().contains(flag))
                    && (since == null || !entry.time().isBefore(since))
                    && (until == null || entry.time().isBefore(until));
        }
    }

    /** One change of the page: what it is, its flags, and what it changed. */
    record Entry(String profileId, long revision, Instant time, String editor, String summary, List<RiskFlag> flags,
                 String state, Object events, Object changes) {
    }

    /**
     * A page: {@code next} is the {@code before} of the next page (with the same filter), null on the last;
     * {@code waiting} counts the changes waiting under the filter's queue key (the profile's, editor's, flag's, or
     * all), before the rest of the filter.
     */
    record Page(List<Entry> changes, Long next, long waiting) {
    }

    Page page(Filter filter, Long before, int limit) {
        String key = filter.key();
        ReviewStore.Head head = store.head(key);
        long start = before == null ? head.count() : Math.min(before, head.count());
        List<QueueEntry> picked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean more = false;
        long chunk = (start - 1) / ReviewStore.CHUNK;
        walk:
        for (; start > 0 && chunk >= 0; chunk -= CHUNKS_PER_READ) {
            List<QueueEntry> entries = new ArrayList<>(store.chunks(key, Math.max(0, chunk - CHUNKS_PER_READ + 1),
                    chunk));
            entries.sort((a, b) -> Long.compare(b.n(), a.n()));
            for (QueueEntry entry : entries) {
                if (entry.n() >= start || !seen.add(entry.id())) {
                    continue;
                }
                if (filter.since() != null && entry.time().isBefore(filter.since())) {
                    // The queue is in the order changes were applied: older than 'since' from here on.
                    break walk;
                }
                if (filter.matches(entry)) {
                    if (picked.size() == limit) {
                        more = true;
                        break walk;
                    }
                    picked.add(entry);
                }
            }
        }
        return new Page(entries(picked), more ? picked.get(picked.size() - 1).n() : null, head.open());
    }

    private List<Entry> entries(List<QueueEntry> picked) {
        List<String> ids = picked.stream().map(QueueEntry::id).toList();
        Map<String, ObjectNode> diffs = details.of(ids);
        return store.changes(ids).stream().map(change -> {
            ObjectNode diff = diffs.get(change.id());
            return new Entry(change.profileId(), change.revision(), change.time(), change.editor(), change.summary(),
                    change.flags(), change.state().name().toLowerCase(), diff == null ? null : diff.get("events"),
                    diff == null ? null : diff.get("changes"));
        }).toList();
    }
}
