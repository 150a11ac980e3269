package io.palimpsest.security;

import io.palimpsest.storage.spring.StorageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Passwords are kept only as hashes, plain text is refused unless allowed, and Basic stays fast. */
class PasswordsTest {

    private static final PasswordEncoder HASHER = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final String ALICE_HASH = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("alice-pw");

    @TempDir
    Path dataDir;

    @Test
    void aBcryptHashIsAcceptedAsItIs() {
        List<UserDetails> users = PalimpsestUsers.parse("alice:" + ALICE_HASH + ":EDITOR", false, HASHER);

        assertThat(users).singleElement().satisfies(alice -> {
            assertThat(alice.getPassword()).isEqualTo(ALICE_HASH);
            assertThat(HASHER.matches("alice-pw", alice.getPassword())).isTrue();
            assertThat(alice.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_EDITOR");
        });
    }

    @Test
    void plainTextPasswordsAreRefusedWithoutTheDevelopmentSetting() {
        assertThatThrownBy(() -> PalimpsestUsers.parse("alice:alice-pw:EDITOR", false, HASHER))
                .hasMessageContaining("plain-text").hasMessageContaining("allow-plain-text-passwords")
                .hasMessageNotContaining("alice-pw");
        assertThatThrownBy(() -> PalimpsestUsers.parse("alice:{noop}alice-pw:EDITOR", false, HASHER))
                .hasMessageContaining("plain-text").hasMessageNotContaining("alice-pw");
    }

    @Test
    void aPlaceholderOrWeakHashIsRefusedEvenInDevelopment() {
        assertThatThrownBy(() -> PalimpsestUsers.parse("admin:{bcrypt}CHANGE-ME:ADMIN", true, HASHER))
                .hasMessageContaining("well-formed");
        assertThatThrownBy(() -> PalimpsestUsers.parse("admin:{MD5}5f4dcc3b5aa765d61d8327deb882cf99:ADMIN", true, HASHER))
                .hasMessageContaining("well-formed");
    }

    @Test
    void allowedPlainTextIsHashedBeforeItIsKept() {
        UserDetails alice = PalimpsestUsers.parse("alice:alice-pw:EDITOR", true, HASHER).get(0);

        assertThat(alice.getPassword()).startsWith("{bcrypt}").doesNotContain("alice-pw");
        assertThat(HASHER.matches("alice-pw", alice.getPassword())).isTrue();
    }

    @Test
    void startupRefusesPlainTextPasswords() {
        AccessProperties access = bind(AccessProperties.class, "palimpsest.security", Map.of());
        StorageProperties storage = bind(StorageProperties.class, "palimpsest.storage",
                Map.of("palimpsest.storage.data-dir", dataDir.toString()));

        assertThatThrownBy(() -> new SecurityConfiguration().users("alice:alice-pw:EDITOR", access, storage, HASHER,
                new DevelopmentUserBanner()))
                .hasMessageContaining("plain-text");
    }

    @Test
    void withoutUsersARealMongoDbGetsNoDevelopmentUser() {
        AccessProperties access = bind(AccessProperties.class, "palimpsest.security", Map.of());
        StorageProperties storage = bind(StorageProperties.class, "palimpsest.storage",
                Map.of("palimpsest.storage.mongodb-uri", "mongodb://db.invalid:27017"));

        assertThatThrownBy(() -> new SecurityConfiguration().users("", access, storage, HASHER, new DevelopmentUserBanner()))
                .hasMessageContaining("PALIMPSEST_USERS");
    }

    @Test
    void theDevelopmentPasswordIsShownOnceAndOnlyItsHashIsKept() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        UserDetails first = PalimpsestUsers.developmentUser(dataDir, HASHER, new PrintStream(console, true, StandardCharsets.UTF_8));
        Matcher shown = Pattern.compile("dev / (\\S+)").matcher(console.toString(StandardCharsets.UTF_8));
        assertThat(shown.find()).isTrue();
        String password = shown.group(1);

        ByteArrayOutputStream secondConsole = new ByteArrayOutputStream();
        UserDetails afterRestart = PalimpsestUsers.developmentUser(dataDir, HASHER, new PrintStream(secondConsole));

        String kept = Files.readString(dataDir.resolve(PalimpsestUsers.DEV_USER_FILE));
        assertThat(kept).startsWith("{bcrypt}").doesNotContain(password);
        assertThat(secondConsole.size()).isZero();
        assertThat(HASHER.matches(password, first.getPassword())).isTrue();
        assertThat(HASHER.matches(password, afterRestart.getPassword())).isTrue();
        assertThat(afterRestart.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
    }

    @Test
    void aVerifiedPasswordIsNotCheckedAgainButAWrongOneAlwaysIs() {
        AtomicInteger checks = new AtomicInteger();
        PasswordEncoder counting = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return HASHER.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                checks.incrementAndGet();
                return HASHER.matches(raw, encoded);
            }
        };
        VerifiedPasswords passwords = new VerifiedPasswords(counting, Duration.ofMinutes(5));

        for (int i = 0; i < 3; i++) {
            assertThat(passwords.matches("alice-pw", ALICE_HASH)).isTrue();
            assertThat(passwords.matches("wrong-pw", ALICE_HASH)).isFalse();
        }

        assertThat(checks).hasValue(1 + 3);
    }

    private static <T> T bind(Class<T> type, String prefix, Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, Bindable.of(type));
    }
}
