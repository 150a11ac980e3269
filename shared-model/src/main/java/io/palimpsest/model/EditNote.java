package io.palimpsest.model;

/**
 * What every edit carries besides its content: the profile revision the editor last saw ({@code null}: whatever is
 * current), an optional edit summary, and an optional client-chosen command id that makes a retry idempotent. It is
 * also the body of an edit that has no content of its own (a delete, a restore, a citation).
 */
public record EditNote(Long baseRevision, String summary, String commandId) {

    public static final EditNote NONE = new EditNote(null, null, null);

    /** The note of an edit with no base revision to check, such as a creation. */
    public static EditNote unbased(String summary, String commandId) {
        return new EditNote(null, summary, commandId);
    }
}
