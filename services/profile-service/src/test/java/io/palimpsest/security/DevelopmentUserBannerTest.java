package io.palimpsest.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DevelopmentUserBannerTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final DevelopmentUserBanner banner =
            new DevelopmentUserBanner(new PrintStream(console, true, StandardCharsets.UTF_8));

    @Test
    void theGeneratedPasswordIsShownOnlyOnceTheServiceIsReadyWithWhereToSignIn() {
        banner.held().println("Development user created: dev / s3cret");
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();

        banner.onApplicationEvent(ready(9090));

        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("Development user created: dev / s3cret", "http://localhost:9090/");
    }

    @Test
    void nothingIsPrintedWhenNoUserWasCreated() {
        banner.onApplicationEvent(ready(8080));

        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static ApplicationReadyEvent ready(int port) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("server", Map.of("local.server.port", port)));
        return new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO);
    }
}
