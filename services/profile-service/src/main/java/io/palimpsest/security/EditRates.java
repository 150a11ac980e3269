package io.palimpsest.security;

import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Each editor's bucket of edits, shared by every way an edit comes in: a REST write ({@link EditRateLimit}) and a
 * STOMP edit ({@link MessageWrites}) take from the same bucket.
 */
@Component
class EditRates {

    private final TokenBuckets editors;

    EditRates(InputLimits limits) {
        this.editors = new TokenBuckets(limits.editBurst(), limits.editsPerSecond());
    }

    /** Takes a token from the editor's bucket: null if granted, otherwise the refusal saying how long to wait. */
    TooManyRequests take(String editor) {
        long wait = editors.take(editor, System.nanoTime());
        return wait > 0 ? TooManyRequests.edits(editor, Duration.ofNanos(wait)) : null;
    }
}
