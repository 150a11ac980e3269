package io.palimpsest.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing over HTTP Basic: failed sign-ins as one user from one address draw on a token bucket
 * ({@code palimpsest.limits.failed-sign-in-burst}, then {@code failed-sign-ins-per-minute}). Once it is empty, sign-ins
 * as that user from that address answer {@code 429} with {@code Retry-After} before the password is checked, the right
 * one included. Keyed by address too, so that a guesser elsewhere cannot lock a user out; successful sign-ins cost
 * nothing.
 */
final class SignInThrottle extends OncePerRequestFilter {

    private static final BasicAuthenticationConverter BASIC = new BasicAuthenticationConverter();

    private final HandlerExceptionResolver problems;
    private final LongSupplier clock;
    private final TokenBuckets failures;

    SignInThrottle(InputLimits limits, HandlerExceptionResolver problems, LongSupplier clock) {
        this.problems = problems;
        this.clock = clock;
        this.failures = new TokenBuckets(limits.failedSignInBurst(), limits.failedSignInsPerMinute() / 60);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = basicUser(request);
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        String key = user + '\n' + request.getRemoteAddr();
        long wait = failures.untilAToken(key, clock.getAsLong());
        if (wait > 0) {
            problems.resolveException(request, response, null,
                    TooManyRequests.failedSignIns(user, Duration.ofNanos(wait)));
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            failures.take(key, clock.getAsLong());
        }
    }

    /** The user name of Basic credentials, or null for none; Spring refuses malformed ones after this filter. */
    private static String basicUser(HttpServletRequest request) {
        try {
            UsernamePasswordAuthenticationToken credentials = BASIC.convert(request);
            return credentials == null ? null : credentials.getName();
        } catch (AuthenticationException e) {
            return null;
        }
    }
}
