package io.palimpsest.history;

import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;

/** An editor's changes across profiles in a span of time, from the audit: what a batch undo of an editor looks at. */
@Service
public class EditorChanges {

    private final HistoryQueries queries;

    EditorChanges(HistoryQueries queries) {
        this.queries = queries;
    }

    /** One revision an editor made. */
    public record Change(String profileId, long revision, Instant time) {
    }

    /**
     * The editor's changes from {@code since} until just before {@code until}, newest first, once the history holds
     * every edit acknowledged on this node. A span backwards or over 366 days is a bad request.
     */
    public List<Change> between(String editor, Instant since, Instant until) {
        return queries.auditMarks(editor, since, until, "'since' must lie before 'until'").stream()
                .filter(mark -> mark.time().isBefore(until))
                .map(mark -> {
                    int slash = mark.entryId().lastIndexOf('/');
                    return new Change(mark.entryId().substring(0, slash),
                            Long.parseLong(mark.entryId().substring(slash + 1)), mark.time());
                }).toList();
    }
}
