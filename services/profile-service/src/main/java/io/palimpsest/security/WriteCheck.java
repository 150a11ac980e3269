package io.palimpsest.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.util.Set;

/**
 * A check of every write (any method but GET, HEAD and OPTIONS) before it goes on: a refused write is answered with
 * its problem. Reads pass unchecked: they append nothing to the event store.
 */
abstract class WriteCheck extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final HandlerExceptionResolver problems;

    WriteCheck(HandlerExceptionResolver problems) {
        this.problems = problems;
    }

    /** Why the write is refused, or null when it may go on. */
    abstract Exception refusal(HttpServletRequest write);

    @Override
    protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Exception refused = READS.contains(request.getMethod()) ? null : refusal(request);
        if (refused == null) {
            chain.doFilter(request, response);
        } else {
            problems.resolveException(request, response, null, refused);
        }
    }
}
