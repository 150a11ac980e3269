package io.palimpsest.model.api;

import io.palimpsest.model.ClaimItem;
import io.palimpsest.model.ClaimKind;

import java.util.List;

/** Body of {@code POST /api/profiles/{id}/sections/{sectionId}/claims}; {@code position} null appends. */
public record NewClaim(String id, ClaimKind kind, String label, String text, List<ClaimItem> items,
                       List<String> citations, String url, Integer position, Long baseRevision, String summary,
                       String commandId)
        implements EditRequest {
}
