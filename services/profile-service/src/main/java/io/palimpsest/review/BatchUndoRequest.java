package io.palimpsest.review;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of a batch undo: whose changes — an {@code editor}'s from {@code since} until just before {@code until}
 * (instants; {@code until} defaults to now), or those of the import that made profile {@code import} — why
 * (required), an optional edit summary for the undo's revisions, and a command id that makes a retry idempotent.
 * Public, so request-body checks elsewhere may read it reflectively.
 */
public record BatchUndoRequest(String editor, String since, String until, @JsonProperty("import") String imported,
                               String reason, String summary, String commandId) {
}
