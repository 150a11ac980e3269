package io.palimpsest.history;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
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
 * "rebuilding" until it is complete instead of reading documents it no longer understands. A read-model store
 * without a layout (a new file, as when the read models moved out of the event log's file, or one deleted) is
 * rebuilt the same way when the log holds events.
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
    private final EventStorageEngine eventLog;
    private final Replays replays;

    HistoryLayout(MongoDatabase database, EventStorageEngine eventLog, Replays replays) {
        this.layouts = database.getCollection("read_model_layouts");
        this.eventLog = eventLog;
        this.replays = replays;
    }

    @EventListener(ApplicationReadyEvent.class)
    void rebuildIfChanged() {
        Document stored = layouts.find(Filters.eq("_id", ID)).first();
        Integer version = stored == null ? null : stored.getInteger("version");
        if (!Integer.valueOf(CURRENT).equals(version) && eventLog.createHeadToken() != null) {
            log.info("Read models are in layout {}, this service keeps layout {}: rebuilding them",
                    version == null ? "none (a new read-model store)" : version, CURRENT);
            replays.start();
        }
        layouts.replaceOne(Filters.eq("_id", ID), new Document("_id", ID).append("version", CURRENT),
                new ReplaceOptions().upsert(true));
    }
}
