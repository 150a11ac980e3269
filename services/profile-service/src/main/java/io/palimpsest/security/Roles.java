package io.palimpsest.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The roles as a refusal names them: the one a request needs, read from the same rules {@link SecurityConfiguration}
 * grants by (administration and webhooks need ADMIN, a review REVIEWER, reading and one's own watchlist READER, any
 * other call EDITOR), and the signed-in user's own.
 */
public final class Roles {

    /** Highest first: each role may do everything the ones after it may. */
    private static final List<String> ORDER = List.of("ADMIN", "REVIEWER", "EDITOR", "READER");
    /** The writes only a REVIEWER (or ADMIN) makes, as Spring's path patterns. */
    static final String[] REVIEW_PATHS = {"/api/profiles/*/revisions/*/approval",
        "/api/profiles/*/revisions/*/rejection", "/api/review/batch-undo", "/api/profiles/*/suggestion-mode",
        "/api/profiles/*/suggestions/*/acceptance", "/api/profiles/*/suggestions/*/decline"};
    private static final Pattern REVIEW = Pattern.compile("/api/profiles/[^/]+/(revisions/[^/]+/(approval|rejection)"
            + "|suggestion-mode|suggestions/[^/]+/(acceptance|decline))|/api/review/batch-undo");

    private Roles() {
    }

    public static String neededFor(HttpServletRequest request) {
        return neededFor(request.getMethod(), request.getRequestURI());
    }

    /** The role a call of {@code method} on {@code path} needs. */
    public static String neededFor(String method, String path) {
        return "GET".equals(method) || "HEAD".equals(method) ? neededToRead(path) : neededToWrite(path);
    }

    /** The role a write to {@code path} needs, however it comes in (HTTP, or a STOMP edit). */
    public static String neededToWrite(String path) {
        return isAdministration(path) ? "ADMIN" : REVIEW.matcher(path).matches() ? "REVIEWER"
                : isOwnWatchlist(path) ? "READER" : "EDITOR";
    }

    private static String neededToRead(String path) {
        return isAdministration(path) ? "ADMIN" : "READER";
    }

    private static boolean isOwnWatchlist(String path) {
        return path.startsWith("/api/me/");
    }

    private static boolean isAdministration(String path) {
        return path.startsWith("/api/admin") || path.startsWith("/api/webhooks") || path.startsWith("/actuator");
    }

    /** The highest role of whoever is signed in, or "no role". */
    public static String ofCurrentUser() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The highest role of the principal a request or a socket session is made by, or "no role". */
    public static String of(Principal principal) {
        return principal instanceof Authentication signedIn ? of(signedIn) : "no role";
    }

    /** The highest role held directly by {@code signedIn}, or "no role". */
    static String of(Authentication signedIn) {
        Set<String> held = signedIn == null ? Set.of() : signedIn.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).map(role -> role.replaceFirst("^ROLE_", ""))
                .collect(Collectors.toSet());
        return ORDER.stream().filter(held::contains).findFirst().orElse("no role");
    }
}
