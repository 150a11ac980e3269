package io.palimpsest.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Limits how fast each signed-in editor may write (every method but GET, HEAD and OPTIONS): a token
 * bucket per principal. Over the limit the answer is {@code 429} with {@code Retry-After}. Reads are
 * not limited: they append nothing to the event store.
 */
final class EditRateLimit extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final HandlerExceptionResolver problems;
    private final LongSupplier clock;
    private final TokenBuckets editors;

    EditRateLimit(InputLimits limits, HandlerExceptionResolver problems, LongSupplier clock) {
        this.problems = problems;
        this.clock = clock;
        this.editors = new TokenBuckets(limits.editBurst(), limits.editsPerSecond());
    }

    /** Reads append nothing to the event store: neither limited nor checked as writes are. */
    static boolean isRead(HttpServletRequest request) {
        return READS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication editor = SecurityContextHolder.getContext().getAuthentication();
        if (isRead(request) || editor == null || editor instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        long wait = editors.take(editor.getName(), clock.getAsLong());
        if (wait > 0) {
            problems.resolveException(request, response, null,
                    TooManyRequests.edits(editor.getName(), Duration.ofNanos(wait)));
            return;
        }
        chain.doFilter(request, response);
    }
}
