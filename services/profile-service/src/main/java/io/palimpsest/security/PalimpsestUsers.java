package io.palimpsest.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The users the service knows: from {@code PALIMPSEST_USERS} ({@code name:password:ROLE,...}), or, when
 * that is empty, one development user with a generated password, written to the data directory so the
 * README's start command works out of the box.
 */
final class PalimpsestUsers {

    private static final Logger log = LoggerFactory.getLogger(PalimpsestUsers.class);
    static final Set<String> ROLES = Set.of("READER", "EDITOR", "ADMIN");
    static final String DEV_USER = "dev";
    static final String DEV_CREDENTIALS_FILE = "dev-credentials";

    private PalimpsestUsers() {
    }

    static List<UserDetails> parse(String spec) {
        List<UserDetails> users = new ArrayList<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            // The password may itself contain ':' (bcrypt hashes do not, but {noop} secrets might).
            int first = entry.indexOf(':');
            int last = entry.lastIndexOf(':');
            if (first <= 0 || last == first) {
                throw new IllegalArgumentException("PALIMPSEST_USERS entry is not name:password:ROLE: '"
                        + entry.substring(0, Math.max(first, 0)) + ":...'");
            }
            String name = entry.substring(0, first).trim();
            String password = entry.substring(first + 1, last);
            String role = entry.substring(last + 1).trim().toUpperCase();
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("Unknown role '" + role + "' for user '" + name
                        + "'; use READER, EDITOR or ADMIN");
            }
            users.add(User.withUsername(name).password(encoded(password)).roles(role).build());
        }
        return users;
    }

    /** Bare passwords are plain text; Spring's {id} prefixes ({bcrypt}, {noop}, ...) pass through. */
    private static String encoded(String password) {
        return password.startsWith("{") ? password : "{noop}" + password;
    }

    /** The development user, with a password kept in {@code dataDir} across restarts. */
    static UserDetails developmentUser(Path dataDir) {
        Path file = dataDir.resolve(DEV_CREDENTIALS_FILE);
        try {
            String password;
            if (Files.exists(file)) {
                password = Files.readString(file).trim().split(":", 2)[1];
            } else {
                byte[] random = new byte[18];
                new SecureRandom().nextBytes(random);
                password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                Files.createDirectories(dataDir);
                Files.writeString(file, DEV_USER + ":" + password + "\n");
            }
            log.warn("PALIMPSEST_USERS is not set: development user '{}' (ADMIN) is enabled; its password is in {}",
                    DEV_USER, file.toAbsolutePath());
            return User.withUsername(DEV_USER).password("{noop}" + password).roles("ADMIN").build();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot keep the development credentials in " + file, e);
        }
    }
}
