package io.palimpsest.model.api;

import java.util.List;

/**
 * Body of {@code POST /api/profiles/{id}/changes}: several edits, each as its REST call, applied all-or-nothing as
 * one revision. The summary and command id are the batch's; a change without a {@code baseRevision} of its own is
 * based on the batch's.
 */
public record Changes(List<EditCall> changes, Long baseRevision, String summary, String commandId)
        implements EditRequest {
}
