package io.palimpsest.editors;

import io.palimpsest.history.Replays;
import io.palimpsest.storage.MongoEventStorageEngine;
import io.palimpsest.streams.Watchlists;
import org.axonframework.common.caching.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;

import java.util.Optional;

/**
 * Erases an editor (docs/operations.md, "Erasure"): their key is deleted, so every event they made shows their
 * pseudonym from then on and no stored event gives the name back; what holds the name folded from the events is
 * dropped (the cached aggregates, their snapshots) or rebuilt (every read model, from the log); their own watchlist
 * and web sessions are deleted, and other users' watches of them watch the pseudonym.
 */
@Service
class Erasures {

    private static final Logger log = LoggerFactory.getLogger(Erasures.class);

    private final PlainEditorNames plainNames;
    private final EditorNames names;
    private final Cache profileCache;
    private final MongoEventStorageEngine eventLog;
    private final Replays replays;
    private final Watchlists watchlists;
    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

    Erasures(PlainEditorNames plainNames, EditorNames names, @Qualifier("profileCache") Cache profileCache,
             MongoEventStorageEngine eventLog, Replays replays, Watchlists watchlists,
             ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
        this.plainNames = plainNames;
        this.names = names;
        this.profileCache = profileCache;
        this.eventLog = eventLog;
        this.replays = replays;
        this.watchlists = watchlists;
        this.sessions = sessions;
    }

    /** What an erasure left: the pseudonym the editor's events show, and the rebuild of the read models it began. */
    record Erased(String pseudonym, Replays.Progress rebuild) {
    }

    /** Erases the editor of that name; empty if no event names them (never edited, or erased already). */
    synchronized Optional<Erased> erase(String name) throws InterruptedException {
        plainNames.seal();
        Optional<String> pseudonym = names.erase(name);
        if (pseudonym.isEmpty()) {
            return Optional.empty();
        }
        profileCache.removeAll();
        eventLog.deleteSnapshots();
        watchlists.erase(name, pseudonym.get());
        FindByIndexNameSessionRepository<?> sessionStore = sessions.getIfAvailable();
        if (sessionStore != null) {
            sessionStore.findByPrincipalName(name).keySet().forEach(sessionStore::deleteById);
        }
        Replays.Progress rebuild = replays.startOver();
        log.info("Erased an editor: their events show {} from now on; the read models are being rebuilt",
                pseudonym.get());
        return Optional.of(new Erased(pseudonym.get(), rebuild));
    }
}
