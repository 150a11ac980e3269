package io.palimpsest.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The users the service knows: from {@code PALIMPSEST_USERS} ({@code name:password:ROLE,...}), or, when
 * that is empty and the store is the embedded one, one development user with a generated password.
 * Passwords are kept only as hashes; a plain-text password is refused unless development settings allow
 * it, and even then it is hashed before it is kept.
 */
final class PalimpsestUsers {

    private static final Logger log = LoggerFactory.getLogger(PalimpsestUsers.class);
    static final Set<String> ROLES = Set.of("READER", "EDITOR", "REVIEWER", "ADMIN");
    static final String DEV_USER = "dev";
    static final String DEV_USER_FILE = "dev-user";
    /** Schemes that are slow on purpose and need nothing beyond Spring Security itself. */
    private static final Pattern STRONG_HASH = Pattern.compile(
            "\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}|\\{pbkdf2(@SpringSecurity_v5_8)?}[0-9a-f]{64,}");

    private PalimpsestUsers() {
    }

    static List<UserDetails> parse(String spec, boolean plainTextAllowed, PasswordEncoder hasher) {
        List<UserDetails> users = new ArrayList<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            // The password may itself contain ':' (plain-text development passwords might).
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
                        + "'; use READER, EDITOR, REVIEWER or ADMIN");
            }
            users.add(User.withUsername(name).password(hashed(name, password, plainTextAllowed, hasher))
                    .roles(role).build());
        }
        return users;
    }

    private static String hashed(String name, String password, boolean plainTextAllowed, PasswordEncoder hasher) {
        if (STRONG_HASH.matcher(password).matches()) {
            return password;
        }
        boolean plainText = !password.startsWith("{") || password.startsWith("{noop}");
        if (!plainText) {
            throw new IllegalArgumentException("The password of user '" + name
                    + "' is neither a well-formed {bcrypt} nor {pbkdf2} hash");
        }
        if (!plainTextAllowed) {
            throw new IllegalArgumentException("User '" + name + "' has a plain-text password; give a {bcrypt} hash"
                    + " (see docs/security.md) or, for development only, set"
                    + " palimpsest.security.allow-plain-text-passwords=true");
        }
        return hasher.encode(password.startsWith("{noop}") ? password.substring("{noop}".length()) : password);
    }

    /**
     * The development user. Its generated password is shown once, on the console, when it is created;
     * the data directory keeps only its hash, so the same password works after a restart.
     */
    static UserDetails developmentUser(Path dataDir, PasswordEncoder hasher, PrintStream console) {
        Path file = dataDir.resolve(DEV_USER_FILE);
        try {
            String hash;
            if (Files.exists(file)) {
                hash = Files.readString(file).trim();
            } else {
                byte[] random = new byte[18];
                new SecureRandom().nextBytes(random);
                String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                hash = hasher.encode(password);
                Files.createDirectories(dataDir);
                Files.writeString(file, hash + "\n");
                restrictToOwner(file);
                // Deliberately the console, not the log: shown once to whoever started the service.
                console.println("\nDevelopment user created: " + DEV_USER + " / " + password
                        + "\n(shown only now; delete " + file.toAbsolutePath() + " and restart for a new one)\n");
            }
            log.warn("PALIMPSEST_USERS is not set: development user '{}' (ADMIN) is enabled; its password hash is in {}",
                    DEV_USER, file.toAbsolutePath());
            return User.withUsername(DEV_USER).password(hash).roles("ADMIN").build();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot keep the development user in " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory's own permissions apply.
        }
    }
}
