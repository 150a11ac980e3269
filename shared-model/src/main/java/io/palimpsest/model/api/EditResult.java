package io.palimpsest.model.api;

/**
 * The answer to an applied edit: the profile revision it produced (for a retry: produced the first
 * time), and the id of the element it created, if any.
 */
public record EditResult(String profileId, long revision, String createdId) {

    public static EditResult at(String profileId, long revision) {
        return new EditResult(profileId, revision, null);
    }
}
