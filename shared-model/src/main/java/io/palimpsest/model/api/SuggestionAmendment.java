package io.palimpsest.model.api;

/**
 * The body that amends one's own suggestion: the new edit, as its REST call ({@link EditCall}), and a command id that
 * makes the amendment idempotent.
 */
public record SuggestionAmendment(EditCall edit, String commandId) {
}
