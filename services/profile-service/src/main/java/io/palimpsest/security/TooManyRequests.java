package io.palimpsest.security;

import java.time.Duration;

/** A client goes faster than a configured limit allows; the answer says which limit and when to try again. */
public class TooManyRequests extends RuntimeException {

    private final String type;
    private final Duration retryAfter;

    private TooManyRequests(String type, String detail, Duration retryAfter) {
        super(detail + "; retry in " + seconds(retryAfter) + " s");
        this.type = type;
        this.retryAfter = retryAfter;
    }

    static TooManyRequests edits(String editor, Duration retryAfter) {
        return new TooManyRequests("too-many-edits", "Editor '" + editor + "' sends edits faster than allowed",
                retryAfter);
    }

    static TooManyRequests failedSignIns(String user, Duration retryAfter) {
        return new TooManyRequests("too-many-failed-sign-ins", "Too many failed sign-ins as '" + user
                + "' from this address", retryAfter);
    }

    /** The problem type's last segment. */
    public String type() {
        return type;
    }

    /** Whole seconds, rounded up, as {@code Retry-After} wants them. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
