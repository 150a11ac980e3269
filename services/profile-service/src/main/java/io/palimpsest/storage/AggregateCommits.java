package io.palimpsest.storage;

import static io.palimpsest.storage.CommitDocuments.FIRST_SEQ;
import static io.palimpsest.storage.CommitDocuments.LAST_SEQ;
import static io.palimpsest.storage.CommitDocuments.STREAM;
import static io.palimpsest.storage.CommitDocuments.streamId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Walks the commits of one aggregate in sequence order. Commits are found only by their unique stream id
 * {@code <aggregateId>#<firstSeq>}, a window of candidate ids per round trip: the commit starting at the expected
 * sequence number is the next one, and the one after it starts right after its last event. The walk ends when the
 * expected start lies inside the window just read and no commit starts there.
 */
final class AggregateCommits implements Iterator<Document> {

    private final MongoCollection<Document> events;
    private final String aggregateId;
    private final int window;
    private final Bson projection;
    private final Queue<Document> ready = new ArrayDeque<>();
    private long expected;
    private boolean firstWindow = true;
    private boolean exhausted;

    /**
     * @param firstSequenceNumber the walk starts with the commit containing it
     * @param projection          fields to fetch, or null for whole commits
     */
    AggregateCommits(MongoCollection<Document> events, String aggregateId, long firstSequenceNumber, int window,
                     Bson projection) {
        this.events = events;
        this.aggregateId = aggregateId;
        this.window = window;
        this.projection = projection;
        this.expected = firstSequenceNumber;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !exhausted) {
            readWindow();
        }
        return !ready.isEmpty();
    }

    @Override
    public Document next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.remove();
    }

    private void readWindow() {
        // A reader may start in the middle of a commit, so the first window also looks back for the commit
        // containing the first wanted sequence number.
        long from = firstWindow ? Math.max(0, expected - window + 1) : expected;
        long to = expected + window;
        List<String> streamIds = new ArrayList<>((int) (to - from));
        for (long seq = from; seq < to; seq++) {
            streamIds.add(streamId(aggregateId, seq));
        }
        Map<Long, Document> byFirstSeq = new HashMap<>();
        for (Document commit : InLookups.find(events, STREAM, streamIds, projection)) {
            byFirstSeq.put(commit.getLong(FIRST_SEQ), commit);
        }
        if (firstWindow) {
            firstWindow = false;
            byFirstSeq.values().stream()
                      .filter(c -> c.getLong(FIRST_SEQ) < expected && c.getLong(LAST_SEQ) >= expected)
                      .findFirst()
                      .ifPresent(containing -> expected = containing.getLong(FIRST_SEQ));
        }
        Document commit;
        while ((commit = byFirstSeq.get(expected)) != null) {
            ready.add(commit);
            expected = commit.getLong(LAST_SEQ) + 1;
        }
        exhausted = expected < to;
    }
}
