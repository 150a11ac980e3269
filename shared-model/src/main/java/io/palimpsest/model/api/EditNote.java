package io.palimpsest.model.api;

/** What every edit may carry besides its content: the revision the editor saw, a summary, a command id. */
public record EditNote(Long baseRevision, String summary, String commandId) {

    public static final EditNote NONE = new EditNote(null, null, null);
}
