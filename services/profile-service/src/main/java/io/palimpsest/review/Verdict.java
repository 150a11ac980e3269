package io.palimpsest.review;

import io.palimpsest.model.EditNote;

/**
 * The body of a review: why (required to reject, as a rejected editor deserves to know; optional to approve), an
 * optional edit summary for the review's own revision, and a command id that makes a retry idempotent. Public, so
 * request-body checks elsewhere may read it reflectively.
 */
public record Verdict(String reason, String summary, String commandId) {

    static final Verdict NONE = new Verdict(null, null, null);

    /** The verdict sent, or none when the body was empty. */
    static Verdict orNone(Verdict verdict) {
        return verdict == null ? NONE : verdict;
    }

    /** The note of the review's own revision: its summary, or {@code otherwise} when it gives none, and its command id. */
    EditNote note(String otherwise) {
        return EditNote.unbased(summary != null ? summary : otherwise, commandId);
    }
}
