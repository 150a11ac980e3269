package io.palimpsest.operations;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The tokens the read models' processors stored, read as {@code storage.MongoTokenStore} keeps them (docs/storage.md,
 * "Token store") but without claiming anything: the token store's own fetch claims the segment for this node, and an
 * observer must not take a segment from the node processing it. The tokens are shared by every node, so each node sees
 * how far the shared read models are, whichever node builds them.
 */
@Component
class StoredTokens {

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;

    StoredTokens(MongoDatabase database, Serializer serializer) {
        this.tokens = database.getCollection("tokens");
        this.serializer = serializer;
    }

    /** The token of the processor's segment furthest behind; null when it has none yet (it starts at the beginning). */
    TrackingToken slowest(String processor) {
        Document entry = tokens.find(Filters.eq("_id", processor)).first();
        List<Integer> segments = entry == null ? List.of() : entry.getList("segments", Integer.class, List.of());
        if (segments.isEmpty()) {
            return null;
        }
        List<TrackingToken> stored = new ArrayList<>();
        for (Document segment : tokens.find(Filters.in("_id", segments.stream().map(s -> processor + "/" + s).toList()))) {
            TrackingToken token = token(segment);
            if (token == null) {
                return null;
            }
            stored.add(token);
        }
        return stored.stream().min(Comparator.comparingLong(ReadModelLag::position)).orElse(null);
    }

    private TrackingToken token(Document segment) {
        String data = segment.getString("token");
        return data == null ? null : serializer.deserialize(new SimpleSerializedObject<>(data, String.class,
                segment.getString("tokenType"), segment.getString("tokenRevision")));
    }
}
