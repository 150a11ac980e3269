package io.palimpsest.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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

    private final InputLimits limits;
    private final HandlerExceptionResolver problems;
    private final LongSupplier clock;
    // Idle editors' buckets are full again after burst / rate seconds; forgetting them then changes nothing.
    private final Cache<String, EditorBucket> buckets;

    EditRateLimit(InputLimits limits, HandlerExceptionResolver problems, LongSupplier clock) {
        this.limits = limits;
        this.problems = problems;
        this.clock = clock;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(Duration.ofMillis((long) Math.ceil(limits.editBurst() / limits.editsPerSecond() * 1000)))
                .build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication editor = SecurityContextHolder.getContext().getAuthentication();
        if (READS.contains(request.getMethod()) || editor == null || editor instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        long now = clock.getAsLong();
        long wait = buckets.get(editor.getName(), name -> new EditorBucket(limits.editBurst(), limits.editsPerSecond(), now))
                .take(now);
        if (wait > 0) {
            problems.resolveException(request, response, null, new TooManyEdits(editor.getName(), Duration.ofNanos(wait)));
            return;
        }
        chain.doFilter(request, response);
    }
}
