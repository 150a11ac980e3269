package io.palimpsest.model.live;

import java.time.Instant;

/**
 * One connection's presence on a profile. An editor with two connections (two tabs) is present twice, each with
 * its own {@code connection} id.
 *
 * @param lastSeen when this connection last announced itself; it is dropped once silent for the presence timeout
 */
public record EditorPresence(String connection, String editor, String sectionId, String claimId, Instant lastSeen) {
}
