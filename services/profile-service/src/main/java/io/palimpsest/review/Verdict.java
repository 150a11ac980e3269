package io.palimpsest.review;

/**
 * The body of a review: why (required to reject, as a rejected editor deserves to know; optional to approve), an
 * optional edit summary for the review's own revision, and a command id that makes a retry idempotent. Public, so
 * request-body checks elsewhere may read it reflectively.
 */
public record Verdict(String reason, String summary, String commandId) {

    static final Verdict NONE = new Verdict(null, null, null);
}
