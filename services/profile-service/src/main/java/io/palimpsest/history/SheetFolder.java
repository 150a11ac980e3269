package io.palimpsest.history;

import io.palimpsest.editing.ProfileSheet;
import io.palimpsest.editors.EditorNames;
import io.palimpsest.model.ProfileEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A profile's sheet at any point of its stream: the nearest checkpoint below, then the events after it
 * from the event store, folded with {@link ProfileSheet}, the same fold the aggregate uses. With a
 * checkpoint every N revisions, any revision costs one checkpoint read and fewer than 2N events.
 */
@Component
class SheetFolder {

    private final HistoryStore store;
    private final EventStore eventStore;
    private final EditorNames editors;
    private final int checkpointEvery;

    SheetFolder(HistoryStore store, EventStore eventStore, EditorNames editors,
                @Value("${palimpsest.history.checkpoint-every:100}") int checkpointEvery) {
        this.store = store;
        this.eventStore = eventStore;
        this.editors = editors;
        this.checkpointEvery = checkpointEvery;
    }

    /** A sheet and the aggregate sequence number of the last event folded into it (-1: none). */
    record Folded(ProfileSheet sheet, long lastSequence) {
        static Folded empty() {
            return new Folded(new ProfileSheet(), -1);
        }
    }

    int checkpointEvery() {
        return checkpointEvery;
    }

    /** The profile as it stood at {@code revision}, or at its last revision if that is lower. */
    Folded atRevision(String profileId, long revision) {
        Folded start = store.checkpointAtOrBelow(profileId, revision, checkpointEvery)
                .map(c -> new Folded(c.sheet(), c.lastSequence())).orElseGet(Folded::empty);
        return foldWhile(profileId, start, event -> ((ProfileEvent) event.getPayload()).revision() <= revision);
    }

    /** Folds the events after {@code start} into its sheet for as long as {@code accept} takes them. */
    Folded foldWhile(String profileId, Folded start, Predicate<DomainEventMessage<?>> accept) {
        return foldWhile(profileId, start, accept, event -> {
        });
    }

    /** As {@link #foldWhile(String, Folded, Predicate)}, telling {@code folded} each event it folded. */
    Folded foldWhile(String profileId, Folded start, Predicate<DomainEventMessage<?>> accept,
                     Consumer<ProfileEvent> folded) {
        ProfileSheet sheet = start.sheet();
        long last = start.lastSequence();
        DomainEventStream events = eventStore.readEvents(profileId, last + 1);
        while (events.hasNext() && accept.test(events.peek())) {
            DomainEventMessage<?> event = events.next();
            ProfileEvent payload = (ProfileEvent) event.getPayload();
            sheet.apply(payload, editor(event));
            folded.accept(payload);
            last = event.getSequenceNumber();
        }
        return new Folded(sheet, last);
    }

    String editor(DomainEventMessage<?> event) {
        return editors.of(event.getMetaData());
    }

    EditorNames editors() {
        return editors;
    }
}
