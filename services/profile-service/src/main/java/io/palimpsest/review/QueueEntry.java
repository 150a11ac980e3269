package io.palimpsest.review;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A change waiting for review as one queue key lists it: its place {@code n} under that key (the order changes were
 * applied in), and what the queue filters on, so a page is chosen without reading the changes themselves.
 */
record QueueEntry(String id, long n, String profileId, String editor, Instant time, List<String> flags) {

    Document toDocument() {
        return new Document("id", id).append("n", n).append("p", profileId).append("e", editor)
                .append("t", Date.from(time)).append("f", flags);
    }

    static QueueEntry of(Document doc) {
        return new QueueEntry(doc.getString("id"), doc.getLong("n"), doc.getString("p"), doc.getString("e"),
                doc.getDate("t").toInstant(), doc.getList("f", String.class));
    }
}
