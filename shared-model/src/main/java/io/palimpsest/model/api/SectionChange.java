package io.palimpsest.model.api;

/** Body of {@code PUT /api/profiles/{id}/sections/{sectionId}}: a new title. */
public record SectionChange(String title, Long baseRevision, String summary, String commandId)
        implements EditRequest {
}
