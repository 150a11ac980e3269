package io.palimpsest.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins, from the events Spring Security publishes for them: a rising rate is someone guessing
 * passwords (the throttle then answers 429 before any password is checked, and those are not counted here) or a
 * client with stale credentials.
 */
@Component
class SignInFailures {

    static final String FAILURES = "palimpsest.sign.in.failures";

    private final Meter.MeterProvider<Counter> failures;

    SignInFailures(MeterRegistry registry) {
        this.failures = Counter.builder(FAILURES).description("Failed sign-ins, by reason").withRegistry(registry);
        // Present from the start, so that an alert on its rate has a series to watch.
        failures.withTag("reason", "bad-credentials");
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        failures.withTag("reason", event.getException() instanceof BadCredentialsException
                ? "bad-credentials" : "other").increment();
    }
}
