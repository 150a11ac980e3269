package io.palimpsest.security;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Holds what the development user's creation has to tell the person who started the service (its generated
 * password) until the service is ready, then prints it at the end of the startup output: printed when the user is
 * made, it was lost among the two hundred lines of startup that follow.
 */
@Component
class DevelopmentUserBanner implements ApplicationListener<ApplicationReadyEvent> {

    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private final PrintStream console;

    DevelopmentUserBanner() {
        this(System.out);
    }

    DevelopmentUserBanner(PrintStream console) {
        this.console = console;
    }

    /** Where the development user writes its announcement; nothing of it is shown before the service is ready. */
    PrintStream held() {
        return new PrintStream(held, true, StandardCharsets.UTF_8);
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        String announcement = held.toString(StandardCharsets.UTF_8).strip();
        if (announcement.isEmpty()) {
            return;
        }
        String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        String rule = "=".repeat(78);
        console.println("\n" + rule + "\n" + announcement + "\nSign in at http://localhost:" + port + "/ or use it "
                + "with the API (curl -u dev:<password>).\n" + rule + "\n");
        held.reset();
    }
}
