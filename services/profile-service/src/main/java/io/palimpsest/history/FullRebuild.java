package io.palimpsest.history;

import io.palimpsest.editing.CurrentProfiles;
import io.palimpsest.model.ProfileEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every read model rebuilt in one pass over the event log: each event is read, deserialized and folded once, for the
 * history and the current profiles alike, and the writes of {@value #EVENTS_PER_WRITE} events go out together. The
 * tracking processors, stopped meanwhile, would each read the whole log, fold it separately and pay a unit of work per
 * event. After each write the processors' tokens are moved past what was written, as replay tokens up to the head
 * the rebuild began at: should the node stop half way, its processors carry on from there, still replaying.
 */
final class FullRebuild {

    static final int EVENTS_PER_WRITE = 2_000;

    private final EventStorageEngine log;
    private final HistoryStore history;
    private final HistoryFold fold;
    private final CurrentProfiles profiles;
    private final TokenStore tokens;
    private final List<String> processors;
    private final TrackingToken head;
    private volatile long position;

    FullRebuild(EventStorageEngine log, HistoryStore history, SheetFolder folder, CurrentProfiles profiles,
                TokenStore tokens, List<String> processors, TrackingToken head) {
        this.log = log;
        this.history = history;
        this.fold = new HistoryFold(history, folder);
        this.profiles = profiles;
        this.tokens = tokens;
        this.processors = processors;
        this.head = head;
    }

    /** The position in the event log folded and written so far. */
    long position() {
        return position;
    }

    /** Folds the log up to its end as it is when the pass gets there; the processors take over after that. */
    void run() {
        HistoryStore.Writes writes = history.writes();
        Map<String, CurrentProfiles.Folded> current = new LinkedHashMap<>();
        TrackingToken token = null;
        int pending = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = log.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> it = events.iterator();
            while (it.hasNext()) {
                TrackedEventMessage<?> message = it.next();
                token = message.trackingToken();
                if (message instanceof DomainEventMessage<?> domain
                        && domain.getPayload() instanceof ProfileEvent event) {
                    fold.apply(HistoryFold.event(event, domain, message.getTimestamp()), writes).ifPresent(folded ->
                            current.put(event.profileId(), CurrentProfiles.Folded.withSheet(folded.sheet(),
                                    folded.lastSequence())));
                }
                if (++pending == EVENTS_PER_WRITE) {
                    write(writes, current, token);
                    writes = history.writes();
                    current.clear();
                    pending = 0;
                }
            }
        }
        if (token != null) {
            write(writes, current, token);
        }
    }

    /** The read models first, then the tokens that say they are written. */
    private void write(HistoryStore.Writes writes, Map<String, CurrentProfiles.Folded> current, TrackingToken token) {
        history.save(writes);
        profiles.saveAll(current.values());
        // A replay token at the head would still say "replaying" until the next event came.
        TrackingToken progress = head == null || token.covers(head) ? token
                : ReplayToken.createReplayToken(head, token);
        for (String processor : processors) {
            for (int segment : tokens.fetchSegments(processor)) {
                tokens.storeToken(progress, processor, segment);
            }
        }
        position = token.position().orElse(position);
    }
}
