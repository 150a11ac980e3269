package io.palimpsest.live;

import io.palimpsest.common.Ids;
import io.palimpsest.model.live.PresenceAnnouncement;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

import java.security.Principal;

/** {@code SEND /app/profiles/{id}/presence}: the connection's editor says what it is editing. */
@Controller
class PresenceController {

    private final Presence presence;
    private final SubscriberChannels channels;

    PresenceController(Presence presence, SubscriberChannels channels) {
        this.presence = presence;
        this.channels = channels;
    }

    @MessageMapping("/profiles/{profileId}/presence")
    void announce(@DestinationVariable String profileId, PresenceAnnouncement announcement, Principal editor,
                  @Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId) {
        PresenceAnnouncement where = announcement == null ? new PresenceAnnouncement(null, null) : announcement;
        presence.announce(Ids.profile(profileId), sessionId, editor.getName(),
                Ids.optionalElement(where.sectionId(), "section id"), Ids.optionalElement(where.claimId(), "claim id"));
    }

    /** An unreadable or malformed announcement ends the connection with an ERROR frame saying what is wrong. */
    @MessageExceptionHandler({Ids.BadRequest.class, MessageConversionException.class})
    void refuse(RuntimeException e, @Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId) {
        channels.refuse(new Subscriber(sessionId, null), "Bad presence announcement: " + e.getMessage());
    }
}
