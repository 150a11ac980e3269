package io.palimpsest.model.api;

import java.util.List;

/**
 * The answer to an applied edit: the profile revision it produced (for a retry: produced the first time), and the
 * ids of the elements it created, in the order it created them ({@code createdIds}: several for a batch of changes;
 * {@code createdId} is the first of them, or null). {@code suggestionId} is set when the profile is in suggestion
 * mode and the edit was kept as that suggestion instead of applied; it is null for an applied edit.
 */
public record EditResult(String profileId, long revision, String createdId, List<String> createdIds,
                         String suggestionId) {

    public EditResult {
        createdIds = List.copyOf(createdIds);
    }

    public EditResult(String profileId, long revision, String createdId, List<String> createdIds) {
        this(profileId, revision, createdId, createdIds, null);
    }

    public EditResult(String profileId, long revision, String createdId) {
        this(profileId, revision, createdId, createdId == null ? List.of() : List.of(createdId));
    }

    public static EditResult at(String profileId, long revision) {
        return new EditResult(profileId, revision, null);
    }

    public static EditResult created(String profileId, long revision, List<String> createdIds) {
        return new EditResult(profileId, revision, createdIds.isEmpty() ? null : createdIds.get(0), createdIds);
    }

    public static EditResult suggested(String profileId, long revision, String suggestionId) {
        return new EditResult(profileId, revision, null, List.of(), suggestionId);
    }
}
