package io.palimpsest.model.live;

import java.util.List;

/** Everyone present on a profile, across all nodes, as pushed to {@code /topic/profiles/{id}/presence}. */
public record PresenceList(String profileId, List<EditorPresence> editors) {
}
