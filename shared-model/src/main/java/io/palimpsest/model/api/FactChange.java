package io.palimpsest.model.api;

/** Body of {@code PUT /api/profiles/{id}/facts/{key}}. */
public record FactChange(String value, Long baseRevision, String summary, String commandId)
        implements EditRequest {
}
