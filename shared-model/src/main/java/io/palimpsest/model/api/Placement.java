package io.palimpsest.model.api;

/**
 * Body of a move: the 0-based {@code position} among the visible siblings, and for a claim optionally
 * another {@code sectionId}.
 */
public record Placement(String sectionId, Integer position, Long baseRevision, String summary, String commandId)
        implements EditRequest {
}
