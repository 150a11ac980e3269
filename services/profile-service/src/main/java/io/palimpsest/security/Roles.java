package io.palimpsest.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The roles as a refusal names them: the one a request needs, read from the same rules {@link SecurityConfiguration}
 * grants by (administration and webhooks need ADMIN, reading and one's own watchlist READER, any other call
 * EDITOR), and the signed-in user's own.
 */
public final class Roles {

    /** Highest first: each role may do everything the ones after it may. */
    private static final List<String> ORDER = List.of("ADMIN", "EDITOR", "READER");

    private Roles() {
    }

    public static String neededFor(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.startsWith("/api/admin") || path.startsWith("/api/webhooks") || path.startsWith("/actuator")) {
            return "ADMIN";
        }
        if (path.startsWith("/api/me/")) {
            return "READER";
        }
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) ? "READER" : "EDITOR";
    }

    /** The highest role of whoever is signed in, or "no role". */
    public static String ofCurrentUser() {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        Set<String> held = signedIn == null ? Set.of() : signedIn.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).map(role -> role.replaceFirst("^ROLE_", ""))
                .collect(Collectors.toSet());
        return ORDER.stream().filter(held::contains).findFirst().orElse("no role");
    }
}
