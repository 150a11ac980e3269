package io.palimpsest.live;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.palimpsest.model.live.EditorPresence;
import io.palimpsest.model.live.PresenceList;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Presence shared by all nodes, in the {@code presence} collection and never in the event store. One document per
 * connection present on a profile, {@code _id: "<profileId>/<connection>"}, and one index document per profile,
 * {@code _id: "<profileId>"}, listing its connections; every read and write is by {@code _id}.
 */
@Component
class PresenceBoard {

    private final MongoCollection<Document> presence;

    PresenceBoard(MongoDatabase database) {
        this.presence = database.getCollection("presence");
    }

    void announce(String profileId, String connection, String editor, String sectionId, String claimId, Instant now) {
        Document entry = new Document("_id", key(profileId, connection))
                .append("connection", connection)
                .append("editor", editor)
                .append("sectionId", sectionId)
                .append("claimId", claimId)
                .append("lastSeen", now.toEpochMilli());
        presence.replaceOne(Filters.eq("_id", entry.get("_id")), entry, new ReplaceOptions().upsert(true));
        presence.updateOne(Filters.eq("_id", profileId), Updates.addToSet("connections", connection),
                new UpdateOptions().upsert(true));
    }

    void leave(String profileId, String connection) {
        presence.deleteOne(Filters.eq("_id", key(profileId, connection)));
        presence.updateOne(Filters.eq("_id", profileId), Updates.pull("connections", connection));
    }

    /** Who is present now; connections silent for longer than {@code timeout} are removed on the way. */
    PresenceList list(String profileId, Instant now, Duration timeout) {
        Document index = presence.find(Filters.eq("_id", profileId)).first();
        List<String> connections = index == null ? List.of() : index.getList("connections", String.class, List.of());
        Map<String, Document> entries = connections.isEmpty() ? Map.of()
                : presence.find(Filters.in("_id", connections.stream().map(c -> key(profileId, c)).toList()))
                .into(new ArrayList<>()).stream()
                .collect(Collectors.toMap(d -> d.getString("connection"), Function.identity()));
        List<EditorPresence> present = new ArrayList<>();
        for (String connection : connections) {
            Document entry = entries.get(connection);
            Instant lastSeen = entry == null ? null : Instant.ofEpochMilli(entry.getLong("lastSeen"));
            if (lastSeen == null || lastSeen.isBefore(now.minus(timeout))) {
                leave(profileId, connection);
            } else {
                present.add(new EditorPresence(connection, entry.getString("editor"), entry.getString("sectionId"),
                        entry.getString("claimId"), lastSeen));
            }
        }
        present.sort(Comparator.comparing(EditorPresence::editor).thenComparing(EditorPresence::connection));
        return new PresenceList(profileId, List.copyOf(present));
    }

    private static String key(String profileId, String connection) {
        return profileId + "/" + connection;
    }
}
