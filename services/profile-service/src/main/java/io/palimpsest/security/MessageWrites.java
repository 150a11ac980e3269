package io.palimpsest.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

import java.security.Principal;

/**
 * The checks the filter chain makes of a REST write, for a write that comes as a STOMP message, where that chain
 * does not run: the role the write's REST call needs ({@link Roles}, the rules of {@link SecurityConfiguration}),
 * then the editor's rate (the bucket REST writes take from too). The body is read by {@link RequestBodies}.
 */
@Component
public class MessageWrites {

    private final RoleHierarchy roles;
    private final EditRates rates;

    MessageWrites(RoleHierarchy roles, EditRates rates) {
        this.roles = roles;
        this.rates = rates;
    }

    /**
     * Refuses a write to {@code path} by {@code editor}: {@link AccessDeniedException} (403) when the role is too
     * low, {@link TooManyRequests} (429) when the editor writes too fast.
     */
    public void check(Principal editor, String path) {
        String needed = Roles.neededToWrite(path);
        Authentication signedIn = editor instanceof Authentication authentication ? authentication : null;
        boolean allowed = signedIn != null && roles.getReachableGrantedAuthorities(signedIn.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority).anyMatch(("ROLE_" + needed)::equals);
        if (!allowed) {
            throw new AccessDeniedException("This needs the role " + needed + "; you are signed in as "
                    + Roles.of(signedIn));
        }
        TooManyRequests tooFast = rates.take(signedIn.getName());
        if (tooFast != null) {
            throw tooFast;
        }
    }
}
