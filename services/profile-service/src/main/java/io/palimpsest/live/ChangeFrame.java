package io.palimpsest.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palimpsest.editors.EditorNames;
import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.live.ProfileChange;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;

/** A profile change, serialized once and sent as is to every subscriber of the profile. */
record ChangeFrame(String profileId, long revision, long sequence, Instant storedAt, byte[] json) {

    static ChangeFrame of(DomainEventMessage<?> message, EditorNames editors, ObjectMapper mapper) {
        ProfileEvent event = (ProfileEvent) message.getPayload();
        ProfileChange change = new ProfileChange(event.profileId(), event.revision(), message.getSequenceNumber(),
                event.getClass().getSimpleName(), editors.of(message.getMetaData()),
                (String) message.getMetaData().get("summary"), message.getTimestamp(), event);
        try {
            return new ChangeFrame(event.profileId(), event.revision(), message.getSequenceNumber(),
                    message.getTimestamp(), mapper.writeValueAsBytes(change));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write change " + change, e);
        }
    }

    static boolean isProfileChange(Object message) {
        return message instanceof DomainEventMessage<?> domain && domain.getPayload() instanceof ProfileEvent;
    }
}
