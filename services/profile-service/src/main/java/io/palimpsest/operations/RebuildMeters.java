package io.palimpsest.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.palimpsest.history.Replays;
import org.springframework.stereotype.Component;

/** The progress of a rebuild of the read models, as {@code GET /api/admin/replay} reports it. */
@Component
class RebuildMeters implements MeterBinder {

    static final String ACTIVE = "palimpsest.rebuild.active";
    static final String DONE = "palimpsest.rebuild.events.done";
    static final String TARGET = "palimpsest.rebuild.events.target";

    private final Replays replays;

    RebuildMeters(Replays replays) {
        this.replays = replays;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(ACTIVE, () -> replays.progress().rebuilding() ? 1 : 0)
                .description("1 while the read models are being rebuilt").register(registry);
        Gauge.builder(DONE, () -> replays.progress().eventsDone())
                .description("Positions of the event log the last rebuild has folded").register(registry);
        Gauge.builder(TARGET, () -> replays.progress().eventsTotal())
                .description("The head of the event log when the last rebuild began: the positions it has to fold").register(registry);
    }
}
