package io.palimpsest.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The web editor's sign-in: a form at {@code /sign-in} that opens a session (cookie), and sign-out at
 * {@code /sign-out}. Only a request that presents a session cookie is authenticated by a session, so only such a
 * request must carry the CSRF token (header {@code X-XSRF-TOKEN}, or the form field {@code _csrf}, equal to the
 * {@code XSRF-TOKEN} cookie); API clients with Basic or JWT credentials never get a session and stay stateless and
 * token-free, and an anonymous write is still a plain 401. Signing in and out is always checked, so that no other
 * site can sign a browser in as someone else.
 */
final class PageSessions {

    static final String SIGN_IN = "/sign-in";
    static final String SIGN_OUT = "/sign-out";

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private PageSessions() {
    }

    static void configure(HttpSecurity http, SignInThrottle throttle) throws Exception {
        // The page is static: its script reads the token from the cookie, so the cookie cannot be HttpOnly. The plain
        // request handler compares the token as sent; the BREACH masking of Spring's default guards tokens written into
        // compressed page bodies, and this token is never in a body.
        http.csrf(csrf -> csrf
                .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                .requireCsrfProtectionMatcher(PageSessions::needsCsrfToken));
        http.formLogin(form -> form
                .loginPage(SIGN_IN)
                .loginProcessingUrl(SIGN_IN)
                .successHandler(backToThePage())
                .failureHandler(failed(throttle))
                .permitAll());
        http.logout(logout -> logout.logoutUrl(SIGN_OUT).logoutSuccessUrl(SIGN_IN + "?signed-out").permitAll());
        // An unauthenticated request is answered 401, never remembered in a new session for after sign-in.
        http.requestCache(cache -> cache.disable());
    }

    static boolean needsCsrfToken(HttpServletRequest request) {
        if (READS.contains(request.getMethod())) {
            return false;
        }
        String path = request.getServletPath();
        return request.getRequestedSessionId() != null || SIGN_IN.equals(path) || SIGN_OUT.equals(path);
    }

    /** To the page the sign-in was asked from ({@code next}), if it is a path of this site, else the start page. */
    private static AuthenticationSuccessHandler backToThePage() {
        return (request, response, authentication) -> response.sendRedirect(localPath(request.getParameter("next")));
    }

    static String localPath(String next) {
        boolean local = next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
                && next.chars().noneMatch(c -> c < 0x20);
        return local ? next : "/";
    }

    /** The sign-in page's {@code next} again, for the page that sends the browser back to it. */
    static String nextParameter(HttpServletRequest request) {
        String next = localPath(request.getParameter("next"));
        return next.equals("/") ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    private static AuthenticationFailureHandler failed(SignInThrottle throttle) {
        return (request, response, e) -> {
            throttle.failed(request);
            response.sendRedirect(SIGN_IN + "?error" + nextParameter(request));
        };
    }
}
