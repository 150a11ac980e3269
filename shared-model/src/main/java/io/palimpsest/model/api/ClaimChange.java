package io.palimpsest.model.api;

import io.palimpsest.model.ClaimItem;

import java.util.List;

/** Body of {@code PUT /api/profiles/{id}/claims/{claimId}}; a null label or items leaves them as they are. */
public record ClaimChange(String text, String label, List<ClaimItem> items, Long baseRevision, String summary,
                          String commandId)
        implements EditRequest {
}
