package io.palimpsest.history;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The layout of the history read models, stored next to them. When a new version of the service keeps history
 * differently, it finds the older layout at startup and rebuilds every read model from the event store, as an
 * administrator's replay would: the events are the only truth, so nothing is lost, and history answers
 * "rebuilding" until it is complete instead of reading documents it no longer understands.
 */
@Component
class HistoryLayout {

    /**
     * 2: index buckets of at most {@link HistoryStore#INDEX_CHUNK} revisions, appended to;
     * 3: audit buckets per editor and UTC hour, holding each entry's time with its id;
     * 4: the blame before the head revision kept as the lines that revision changed;
     * 5: audit buckets per editor and UTC minute, found through a list of minutes per hour (an hour bucket of a
     * busy editor grew all hour, and every append rewrote it);
     * 6: audit marks as strings {@code "<time> <entry id>"}, not subdocuments, and index buckets of 250 revisions, not
     * 1,000 (each append copies and compares the whole bucket);
     * 7: audit buckets of 10 seconds, not a minute, listed per hour as its {@code slots}.
     */
    static final int CURRENT = 7;
    private static final String ID = "history";
    private static final Logger log = LoggerFactory.getLogger(HistoryLayout.class);

    private final MongoCollection<Document> layouts;
    private final HistoryStore store;
    private final Replays replays;

    HistoryLayout(MongoDatabase database, HistoryStore store, Replays replays) {
        this.layouts = database.getCollection("read_model_layouts");
        this.store = store;
        this.replays = replays;
    }

    @EventListener(ApplicationReadyEvent.class)
    void rebuildIfChanged() {
        Document stored = layouts.find(Filters.eq("_id", ID)).first();
        int version = stored == null ? 1 : stored.getInteger("version");
        if (version != CURRENT && !store.isEmpty()) {
            log.info("History read models are in layout {}, this service keeps layout {}: rebuilding them", version,
                    CURRENT);
            replays.start();
        }
        layouts.replaceOne(Filters.eq("_id", ID), new Document("_id", ID).append("version", CURRENT),
                new ReplaceOptions().upsert(true));
    }
}
