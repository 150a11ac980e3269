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
 * nothing. The web editor's sign-in form ({@code POST /sign-in}, {@link PageSessions}) draws on the same buckets: its
 * failures are counted by the form's failure handler ({@link #failed}), and a refused form is sent back to the form
 * with the wait rather than answered with a problem the person would see as raw JSON.
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
        boolean form = isFormSignIn(request);
        String user = form ? request.getParameter("username") : basicUser(request);
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        String key = key(user, request);
        long wait = failures.untilAToken(key, clock.getAsLong());
        if (wait > 0) {
            TooManyRequests refusal = TooManyRequests.failedSignIns(user, Duration.ofNanos(wait));
            if (form) {
                response.sendRedirect(PageSessions.SIGN_IN + "?throttled=" + refusal.retryAfterSeconds()
                        + PageSessions.nextParameter(request));
            } else {
                problems.resolveException(request, response, null, refusal);
            }
            return;
        }
        chain.doFilter(request, response);
        if (!form && response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            failures.take(key, clock.getAsLong());
        }
    }

    /** A failed sign-in with the form, told by its failure handler (a form's failure is a redirect, not a 401). */
    void failed(HttpServletRequest formSignIn) {
        String user = formSignIn.getParameter("username");
        if (user != null) {
            failures.take(key(user, formSignIn), clock.getAsLong());
        }
    }

    private static String key(String user, HttpServletRequest request) {
        return user + '\n' + request.getRemoteAddr();
    }

    private static boolean isFormSignIn(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && PageSessions.SIGN_IN.equals(request.getServletPath());
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
