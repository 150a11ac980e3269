package io.palimpsest.model.live;

import io.palimpsest.model.ProfileEvent;

import java.time.Instant;

/**
 * One applied change to a profile as pushed to subscribers of {@code /topic/profiles/{id}}: one message per event.
 * {@code sequence} is the event's place in the profile's stream (0-based, gapless), so a subscriber can tell a
 * missing or doubled message at a glance; {@code revision} is the profile revision the event belongs to.
 *
 * @param type    the event's name, e.g. {@code ClaimRevised}
 * @param editor  the authenticated editor who made the change
 * @param summary the edit summary, if the editor gave one
 * @param time    when the change was stored
 * @param change  the event itself
 */
public record ProfileChange(String profileId, long revision, long sequence, String type, String editor,
                            String summary, Instant time, ProfileEvent change) {
}
