package io.palimpsest.model.api;

/** Body of {@code POST /api/profiles/{id}/sections}; {@code id} defaults to a slug of the title. */
public record NewSection(String id, String title, String parentSectionId, Integer position, Long baseRevision,
                         String summary, String commandId)
        implements EditRequest {
}
