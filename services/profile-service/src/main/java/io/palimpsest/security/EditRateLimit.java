package io.palimpsest.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Limits how fast each signed-in editor may write: a token bucket per principal. Over the limit the answer is
 * {@code 429} with {@code Retry-After}. Reads are not limited: they append nothing to the event store.
 */
final class EditRateLimit extends WriteCheck {

    private final LongSupplier clock;
    private final TokenBuckets editors;

    EditRateLimit(InputLimits limits, HandlerExceptionResolver problems, LongSupplier clock) {
        super(problems);
        this.clock = clock;
        this.editors = new TokenBuckets(limits.editBurst(), limits.editsPerSecond());
    }

    @Override
    Exception refusal(HttpServletRequest write) {
        Authentication editor = SecurityContextHolder.getContext().getAuthentication();
        if (editor == null || editor instanceof AnonymousAuthenticationToken) {
            return null;
        }
        long wait = editors.take(editor.getName(), clock.getAsLong());
        return wait > 0 ? TooManyRequests.edits(editor.getName(), Duration.ofNanos(wait)) : null;
    }
}
