package io.palimpsest.streams;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Every user's watchlist, one document per user in {@code watchlists} (keyed by the user's name): the watches and the
 * cursor the user has read up to. Each change is one update of that document, so concurrent changes by one user
 * (two tabs) never lose each other's.
 */
@Repository
public class Watchlists {

    private final MongoCollection<Document> lists;

    Watchlists(MongoDatabase database) {
        this.lists = database.getCollection("watchlists");
    }

    Watchlist of(String user, Cursor head) {
        Document doc = lists.find(Filters.eq("_id", user)).first();
        if (doc == null) {
            return new Watchlist(user, List.of(), head);
        }
        List<Watch> watches = new ArrayList<>();
        for (Document watch : doc.getList("watches", Document.class, List.of())) {
            watches.add(new Watch(watch.getString("id"), watch.getString("profile"), watch.getString("section"),
                    watch.getString("claim"), watch.getString("source"), watch.getString("editor"),
                    Set.copyOf(watch.getList("kinds", String.class, List.of())), watch.getDate("since").toInstant()));
        }
        return new Watchlist(user, watches, Cursor.parse(doc.getString("readUpTo"), "readUpTo"));
    }

    /** Adds a watch; a user's first watch starts their feed at {@code head}: what changes from now on. */
    void add(String user, Watch watch, Cursor head) {
        Document stored = new Document("id", watch.id()).append("profile", watch.profile())
                .append("section", watch.section()).append("claim", watch.claim()).append("source", watch.source())
                .append("editor", watch.editor()).append("kinds", List.copyOf(watch.kinds()))
                .append("since", Date.from(watch.since()));
        lists.updateOne(Filters.eq("_id", user), Updates.combine(Updates.push("watches", stored),
                Updates.setOnInsert("readUpTo", head.toString())), new UpdateOptions().upsert(true));
    }

    /** Whether the user had that watch. */
    boolean remove(String user, String watchId) {
        return lists.updateOne(Filters.eq("_id", user), Updates.pull("watches", new Document("id", watchId)))
                .getModifiedCount() > 0;
    }

    /**
     * An erased editor: their own watchlist is deleted, and other users' watches of that editor's changes watch the
     * pseudonym their changes now show. Reads every watchlist: an erasure's work, not an edit's.
     */
    public void erase(String editor, String pseudonym) {
        lists.deleteOne(Filters.eq("_id", editor));
        for (Document list : lists.find()) {
            List<Document> watches = list.getList("watches", Document.class, List.of());
            if (watches.stream().anyMatch(watch -> editor.equals(watch.getString("editor")))) {
                watches.stream().filter(watch -> editor.equals(watch.getString("editor")))
                        .forEach(watch -> watch.put("editor", pseudonym));
                lists.replaceOne(Filters.eq("_id", list.get("_id")), list);
            }
        }
    }

    void markRead(String user, Cursor upTo, Instant at) {
        lists.updateOne(Filters.eq("_id", user), Updates.combine(Updates.set("readUpTo", upTo.toString()),
                Updates.set("readAt", Date.from(at))), new UpdateOptions().upsert(true));
    }
}
