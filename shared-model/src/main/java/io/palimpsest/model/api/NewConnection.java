package io.palimpsest.model.api;

/** Body of {@code POST /api/profiles/{id}/connections}. */
public record NewConnection(String id, String target, String relation, String via, Long baseRevision, String summary,
                            String commandId)
        implements EditRequest {
}
