package io.palimpsest.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings under {@code palimpsest.security.*}; see docs/security.md.
 *
 * @param login                     how callers sign in: HTTP Basic against the configured users, or a JWT
 *                                  bearer token (OAuth2 resource server)
 * @param allowPlainTextPasswords   development only: accept bare and {@code {noop}} passwords in {@code users}
 * @param verifiedPasswordTtl       how long a verified user/password pair is remembered, so Basic does not
 *                                  pay a bcrypt check on every request
 * @param rolesClaim                the JWT claim holding the roles (a list or a space-separated string)
 * @param nameClaim                 the JWT claim naming the editor
 */
@ConfigurationProperties("palimpsest.security")
record AccessProperties(
        @DefaultValue("basic") Login login,
        @DefaultValue("false") boolean allowPlainTextPasswords,
        @DefaultValue("5m") Duration verifiedPasswordTtl,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("sub") String nameClaim) {

    enum Login {
        BASIC,
        JWT
    }
}
