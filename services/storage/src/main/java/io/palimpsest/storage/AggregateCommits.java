package io.palimpsest.storage;

import static io.palimpsest.storage.CommitDocuments.FIRST_SEQ;
import static io.palimpsest.storage.CommitDocuments.LAST_SEQ;
import static io.palimpsest.storage.CommitDocuments.STREAM;
import static io.palimpsest.storage.CommitDocuments.streamId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Queue;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Walks the commits of one aggregate in sequence order. Commits are found only by their unique stream id
 * {@code <aggregateId>#<firstSeq>}, a window of candidate ids per round trip: the commit starting at the expected
 * sequence number is the next one, and the one after it starts right after its last event. The walk ends when the
 * expected start lies inside the window just read and no commit starts there. Windows start small and grow
 * fourfold up to their limit: most walks (after a snapshot or a history checkpoint) need a few dozen commits, and
 * every id asked for is a lookup on the server whether the commit exists or not.
 */
final class AggregateCommits implements Iterator<Document> {

    private static final int FIRST_WINDOW = 16;

    private final ByStream commits;
    private final String aggregateId;
    private final int window;
    private final Queue<Document> ready = new ArrayDeque<>();
    private int nextWindow = FIRST_WINDOW;
    private long expected;
    private boolean firstWindow = true;
    private boolean exhausted;

    /**
     * Commits by their stream ids, in no particular order; ids without a commit are left out. Over the wire it is
     * {@code stream $in} in short lists ({@link InLookups}); the embedded store looks them up in-process in the
     * stream index ({@link EmbeddedMongoServer#commitsByStream}).
     */
    @FunctionalInterface
    interface ByStream {

        List<Document> find(List<String> streamIds);

        /** @param projection fields to fetch, or null for whole commits */
        static ByStream overTheWire(MongoCollection<Document> events, Bson projection) {
            return streamIds -> InLookups.find(events, STREAM, streamIds, projection);
        }
    }

    /** @param firstSequenceNumber the walk starts with the commit containing it */
    AggregateCommits(ByStream commits, String aggregateId, long firstSequenceNumber, int window) {
        this.commits = commits;
        this.aggregateId = aggregateId;
        this.window = window;
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
        long to = expected + nextWindow;
        nextWindow = Math.min(window, nextWindow * 4);
        Map<Long, Document> byFirstSeq = commitsStartingIn(expected, to);
        if (firstWindow) {
            firstWindow = false;
            if (!byFirstSeq.containsKey(expected) && expected > 0) {
                startAtContainingCommit(byFirstSeq);
            }
        }
        Document commit;
        while ((commit = byFirstSeq.get(expected)) != null) {
            ready.add(commit);
            expected = commit.getLong(LAST_SEQ) + 1;
        }
        exhausted = expected < to;
    }

    /**
     * A walk may start in the middle of a commit: it then starts with the commit containing that sequence number,
     * looked for window by window backwards (the nearest commit starting below it either contains it or not).
     */
    private void startAtContainingCommit(Map<Long, Document> byFirstSeq) {
        for (long to = expected; to > 0; to -= window) {
            Optional<Document> nearest = commitsStartingIn(Math.max(0, to - window), to).values().stream()
                    .max(Comparator.comparingLong(c -> c.getLong(FIRST_SEQ)));
            if (nearest.isPresent()) {
                if (nearest.get().getLong(LAST_SEQ) >= expected) {
                    expected = nearest.get().getLong(FIRST_SEQ);
                    byFirstSeq.put(expected, nearest.get());
                }
                return;
            }
        }
    }

    private Map<Long, Document> commitsStartingIn(long from, long to) {
        List<String> streamIds = new ArrayList<>((int) (to - from));
        for (long seq = from; seq < to; seq++) {
            streamIds.add(streamId(aggregateId, seq));
        }
        Map<Long, Document> byFirstSeq = new HashMap<>();
        for (Document commit : commits.find(streamIds)) {
            byFirstSeq.put(commit.getLong(FIRST_SEQ), commit);
        }
        return byFirstSeq;
    }
}
