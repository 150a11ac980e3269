package io.palimpsest.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

/**
 * The web editor's pages (docs/web.md). Every page is the same static shell, {@code static/app/index.html}, whose
 * scripts read the path and draw the view from the public API; the sign-in page is a static form. Serving them here,
 * rather than as plain resources, gives each a shareable path ({@code /profiles/{id}?at=42}) and sets the
 * {@code XSRF-TOKEN} cookie that the page's writes echo (security.PageSessions).
 */
@Hidden
@Controller
public class WebPages {

    /** Everything the pages are made of: no data, so anyone may load them (the data comes from /api). */
    public static final String[] PATHS = {"/", "/sign-in", "/profiles/*", "/profiles/*/history",
            "/profiles/*/citations", "/audit", "/citations", "/admin", "/admin/webhooks", "/watchlist", "/review",
            "/app/**", "/webjars/**", "/favicon.ico"};

    private final boolean tokenSignIn;

    WebPages(@Value("${palimpsest.security.login:basic}") String login) {
        this.tokenSignIn = "jwt".equalsIgnoreCase(login);
    }

    /** Someone not signed in is sent to sign in first, and back here after (no failed call on the page). */
    @GetMapping({"/", "/profiles/{profileId}", "/profiles/{profileId}/history", "/profiles/{profileId}/citations",
                 "/audit", "/citations", "/admin", "/admin/webhooks", "/watchlist", "/review"})
    String editor(CsrfToken csrf, Principal signedIn, HttpServletRequest request) {
        if (signedIn == null) {
            String here = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            return "redirect:/sign-in?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8);
        }
        issue(csrf);
        return "forward:/app/index.html";
    }

    /** With JWT sign-in there is no form to fill: that page says how to sign in with a token instead. */
    @GetMapping("/sign-in")
    String signIn(CsrfToken csrf) {
        issue(csrf);
        return tokenSignIn ? "forward:/app/sign-in-token.html" : "forward:/app/sign-in.html";
    }

    /** Reading the token makes Spring Security write its cookie (it is made lazily); none exists with JWT. */
    private static void issue(CsrfToken csrf) {
        if (csrf != null) {
            csrf.getToken();
        }
    }
}
