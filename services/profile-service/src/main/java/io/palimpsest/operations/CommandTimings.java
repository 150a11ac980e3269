package io.palimpsest.operations;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.palimpsest.editing.ProfileRejection;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * How long the command bus takes for each command, from dispatch to the aggregate's decision, by command and outcome.
 * It does not contain the wait for the group commit that follows before the answer (that is the group commit's own
 * metric) nor the HTTP layer ({@code http.server.requests}).
 */
@Configuration
class CommandTimings {

    static final String COMMANDS = "palimpsest.commands";

    @Bean
    ConfigurerModule commandTimingsModule(MeterRegistry registry) {
        Meter.MeterProvider<Timer> timers = Timer.builder(COMMANDS).description("Commands from dispatch to decision")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .withRegistry(registry);
        return configurer -> configurer.configureMessageMonitor(CommandBus.class, axon -> monitor(timers));
    }

    private static MessageMonitor<Message<?>> monitor(Meter.MeterProvider<Timer> timers) {
        return command -> {
            long started = System.nanoTime();
            String name = command.getPayloadType().getSimpleName();
            return new MessageMonitor.MonitorCallback() {
                @Override
                public void reportSuccess() {
                    record("applied");
                }

                /** A refusal is the profile's answer (404, 409, 422); anything else went wrong. */
                @Override
                public void reportFailure(Throwable cause) {
                    record(cause instanceof ProfileRejection ? "refused" : "failed");
                }

                @Override
                public void reportIgnored() {
                    record("ignored");
                }

                private void record(String outcome) {
                    timers.withTags("command", name, "outcome", outcome)
                            .record(Duration.ofNanos(System.nanoTime() - started));
                }
            };
        };
    }
}
