package io.palimpsest.operations;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: a node is not ready until the read models hold everything the event store held when the node
 * became ready to serve (right after a restart a read with {@code minRevision} would otherwise answer 503 for a while,
 * and a rebuild begun at startup would answer history reads with 503 until it is done). Once caught up it stays so:
 * falling behind later (a rebuild an administrator asked for, a burst of edits) is answered per read, with 503 and
 * Retry-After, and taking every node out of the load balancer at once for it would be worse.
 * <p>
 * The mark is taken when Spring Boot declares the application ready, after the startup listeners ran, among them
 * the one that may begin a rebuild ({@code history.HistoryLayout}).
 */
@Component
class ReadModelsHealthIndicator implements HealthIndicator {

    private final ReadModelLag lag;
    private volatile Long startHead;
    private volatile boolean caughtUp;

    ReadModelsHealthIndicator(ReadModelLag lag) {
        this.lag = lag;
    }

    @EventListener
    void on(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC && startHead == null) {
            startHead = lag.sample().head();
        }
    }

    @Override
    public Health health() {
        Long mark = startHead;
        if (mark == null) {
            return Health.outOfService().withDetail("reason", "starting").build();
        }
        if (caughtUp) {
            return Health.up().build();
        }
        ReadModelLag.Sample sample = lag.sample();
        Health.Builder health = Health.up();
        boolean all = true;
        for (ReadModelLag.Behind readModel : sample.readModels()) {
            // Nothing left to fold counts as caught up: positions allocated and never used may lie above the last commit.
            boolean there = readModel.position() >= mark || readModel.positions() == 0;
            all &= there;
            health.withDetail(readModel.readModel(), there ? "caught up" : "at " + readModel.position() + " of " + mark);
        }
        if (all) {
            caughtUp = true;
            return health.build();
        }
        return health.outOfService().build();
    }
}
