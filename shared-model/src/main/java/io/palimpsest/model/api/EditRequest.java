package io.palimpsest.model.api;

import io.palimpsest.model.EditNote;

/**
 * A request body of an edit: the edit note's fields sit at its top level beside the content, as every edit's JSON
 * has them. (Jackson takes only a record's components as its properties, so {@link #note()} is not one.)
 */
public interface EditRequest {

    Long baseRevision();

    String summary();

    String commandId();

    default EditNote note() {
        return new EditNote(baseRevision(), summary(), commandId());
    }
}
