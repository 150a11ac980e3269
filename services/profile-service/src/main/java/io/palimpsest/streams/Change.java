package io.palimpsest.streams;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.palimpsest.editors.EditorNames;
import io.palimpsest.model.ProfileEvent;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;

/**
 * One stored change as the stream, the feed and webhooks send it. {@code position} is the event's global position in
 * the log; {@code kind} is the event's name (the event catalogue of docs/architecture.md); section, claim and source
 * are what the event names ({@link ChangeSubject}).
 */
record Change(long position, String profileId, long revision, String kind, String editor, String summary,
              Instant time, String sectionId, String claimId, String sourceId, @JsonIgnore Cursor cursor) {

    static Change of(DomainEventMessage<?> message, EditorNames editors, long position, Cursor cursor) {
        ProfileEvent event = (ProfileEvent) message.getPayload();
        ChangeSubject subject = ChangeSubject.of(event);
        return new Change(position, event.profileId(), event.revision(), event.getClass().getSimpleName(),
                editors.of(message.getMetaData()), text(message.getMetaData().get("summary")),
                message.getTimestamp(), subject.sectionId(), subject.claimId(), subject.sourceId(), cursor);
    }

    /** The same change as one consumer's stream sends it: with the place in the log that consumer has reached. */
    Change at(Cursor place) {
        return new Change(position, profileId, revision, kind, editor, summary, time, sectionId, claimId, sourceId, place);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
