package io.palimpsest.web;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Who the caller is signed in as, and what their role lets them do: the web editor hides edit controls from a
 * READER with it, and any other client may ask the same.
 */
@RestController
class SignedInUserController {

    /** @param roles every role the caller holds, implied ones included: an ADMIN is also EDITOR and READER */
    record SignedInUser(String name, List<String> roles) {
    }

    private final RoleHierarchy roles;

    SignedInUserController(RoleHierarchy roles) {
        this.roles = roles;
    }

    @GetMapping("/api/me")
    SignedInUser me(Authentication caller) {
        List<String> held = roles.getReachableGrantedAuthorities(caller.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .sorted()
                .toList();
        return new SignedInUser(caller.getName(), held);
    }
}
