package io.palimpsest.model.live;

/**
 * What an editor says it is working on, sent to {@code /app/profiles/{id}/presence}. Both fields are optional:
 * an editor may just have the profile open. Who announces comes from the session, never from the message.
 */
public record PresenceAnnouncement(String sectionId, String claimId) {
}
