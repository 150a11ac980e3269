package io.palimpsest.history;

/**
 * The body of {@code POST /api/profiles/{id}/revert}: the revision to go back to, optionally only for
 * one claim. Public, so request-body checks elsewhere may read it reflectively.
 */
public record RevertRequest(Long toRevision, String claimId, String summary, String commandId) {
}
