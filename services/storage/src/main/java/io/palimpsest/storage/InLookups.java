package io.palimpsest.storage;

import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@code {field: {$in: values}}} in round trips of at most {@value #CHUNK} values. mongo-java-server finds the
 * documents through the index, but then matches each one found against the whole {@code $in} list again, so one
 * long list costs (documents found) x (values asked) comparisons; short lists keep a read linear in its length.
 */
final class InLookups {

    static final int CHUNK = 100;

    private InLookups() {
    }

    /** The documents found, in no particular order; {@code projection} may be null for whole documents. */
    static List<Document> find(MongoCollection<Document> collection, String field, List<?> values, Bson projection) {
        List<Document> found = new ArrayList<>();
        for (int start = 0; start < values.size(); start += CHUNK) {
            FindIterable<Document> chunk =
                    collection.find(in(field, values.subList(start, Math.min(values.size(), start + CHUNK))));
            (projection == null ? chunk : chunk.projection(projection)).into(found);
        }
        return found;
    }
}
