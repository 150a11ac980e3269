package io.palimpsest.model.api;

/** Body of {@code PUT /api/profiles/{id}/identity}: the whole identity; a field left out is cleared (name is required). */
public record IdentityChange(String name, String shortName, String category, String tagline, Long baseRevision,
                             String summary, String commandId) implements EditRequest {
}
