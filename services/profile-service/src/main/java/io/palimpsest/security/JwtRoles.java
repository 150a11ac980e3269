package io.palimpsest.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Turns a verified JWT into a principal: its name from one claim, its roles (READER, EDITOR, REVIEWER, ADMIN;
 * anything else is ignored) from another, given as a list or a space-separated string.
 */
final class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String rolesClaim;
    private final String nameClaim;

    JwtRoles(String rolesClaim, String nameClaim) {
        this.rolesClaim = rolesClaim;
        this.nameClaim = nameClaim;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name = jwt.getClaimAsString(nameClaim);
        if (name == null || name.isBlank()) {
            throw new InvalidBearerTokenException("The token has no '" + nameClaim + "' claim naming the editor");
        }
        return new JwtAuthenticationToken(jwt, roles(jwt.getClaims().get(rolesClaim)), name);
    }

    private static List<GrantedAuthority> roles(Object claim) {
        Collection<?> values = claim instanceof Collection<?> list ? list
                : claim instanceof String text ? Arrays.asList(text.split("\\s+")) : List.of();
        return values.stream()
                .map(value -> String.valueOf(value).toUpperCase(Locale.ROOT))
                .filter(PalimpsestUsers.ROLES::contains)
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }
}
