package io.palimpsest.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.palimpsest.live.PushListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How long after it was stored a change reaches this node's subscribers (handed to their connections): the node's
 * follow of the store, its wait for the group commit, the serialization. Changes nobody here watches are not
 * measured. Across nodes the two clocks' skew is in it too.
 */
@Component
class PushDelays implements PushListener {

    static final String DELAY = "palimpsest.live.push.delay";

    private final Timer delays;
    private final Clock clock = Clock.systemUTC();

    PushDelays(MeterRegistry registry) {
        this.delays = Timer.builder(DELAY).description("From a change stored to its push to this node's subscribers")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    @Override
    public void pushed(Instant storedAt, int subscriptions) {
        if (subscriptions > 0) {
            delays.record(Duration.between(storedAt, clock.instant()).abs());
        }
    }
}
