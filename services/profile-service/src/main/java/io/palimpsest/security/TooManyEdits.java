package io.palimpsest.security;

import java.time.Duration;

/** An editor writes faster than the configured rate allows; the answer says when to try again. */
public class TooManyEdits extends RuntimeException {

    private final Duration retryAfter;

    TooManyEdits(String editor, Duration retryAfter) {
        super("Editor '" + editor + "' sends edits faster than allowed; retry in "
                + Math.max(1, retryAfter.toSeconds()) + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up, as {@code Retry-After} wants them. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
