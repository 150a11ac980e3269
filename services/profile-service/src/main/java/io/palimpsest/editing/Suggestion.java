package io.palimpsest.editing;

import io.palimpsest.model.ProfileCommand;

/**
 * An open suggestion: an editor's edit, kept while the profile is in suggestion mode. {@code revision} is the one
 * that made it or last amended it; {@code edit}'s note holds the revision the suggester saw and their summary.
 */
public record Suggestion(String id, String author, long revision, ProfileCommand edit) {

    /** Suggestion ids are named after the revision that made them, so they are unique within a profile. */
    static String idFor(long revision) {
        return "sg" + revision;
    }

    Suggestion amended(long amendedAt, ProfileCommand newEdit) {
        return new Suggestion(id, author, amendedAt, newEdit);
    }
}
