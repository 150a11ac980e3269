package io.palimpsest.storage;

import static com.mongodb.client.model.Filters.eq;

import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * The event log's two writes of an append: fresh positions from the counter, then the commit under the last of them;
 * and the counter's value, which readers ask for at every read. Over the wire by default; the embedded store makes them in-process ({@link InProcessCommitAppends}).
 */
interface CommitAppends {

    String EVENTS_COUNTER = "events";
    String COUNTER_VALUE = "value";

    /** @return the last of {@code count} fresh consecutive positions */
    long allocate(int count);

    /** The last position allocated so far, if any: how far readers look, and the head of the log. */
    Optional<Long> lastAllocated();

    /** Inserts the commit; throws {@link DuplicateKey} if its {@code _id} or its stream id is taken. */
    void insert(Document commit);

    /** A commit refused by a unique index: its position is taken, or its stream id (a concurrent append). */
    final class DuplicateKey extends RuntimeException {

        DuplicateKey(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static CommitAppends overTheWire(MongoCollection<Document> counters, MongoCollection<Document> events) {
        return new CommitAppends() {
            @Override
            public long allocate(int count) {
                Document counter = counters.findOneAndUpdate(eq(CommitDocuments.ID, EVENTS_COUNTER),
                        Updates.inc(COUNTER_VALUE, (long) count),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                return counter.get(COUNTER_VALUE, Number.class).longValue();
            }

            @Override
            public Optional<Long> lastAllocated() {
                return Optional.ofNullable(counters.find(eq(CommitDocuments.ID, EVENTS_COUNTER)).first())
                        .map(counter -> counter.get(COUNTER_VALUE, Number.class).longValue());
            }

            @Override
            public void insert(Document commit) {
                try {
                    events.insertOne(commit);
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                        throw new DuplicateKey(e.getMessage(), e);
                    }
                    throw e;
                }
            }
        };
    }
}
