package io.palimpsest.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.palimpsest.history.Replays;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * Each read model's lag behind the event store, and how many positions the store has allocated (its events, and the
 * few seals of abandoned positions). A store that does not answer makes them NaN (Micrometer's answer to a gauge that
 * fails) for that scrape.
 */
@Component
class ReadModelMeters implements MeterBinder {

    static final String LAG_EVENTS = "palimpsest.read.model.lag.events";
    static final String LAG = "palimpsest.read.model.lag";
    static final String STORE_EVENTS = "palimpsest.store.events";

    private final ReadModelLag lag;

    ReadModelMeters(ReadModelLag lag) {
        this.lag = lag;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String readModel : Replays.READ_MODELS) {
            Gauge.builder(LAG_EVENTS, () -> behind(readModel).positions())
                    .tag("read_model", readModel).description("Positions of the event log the read model has not folded")
                    .register(registry);
            TimeGauge.builder(LAG, () -> behind(readModel).age().toMillis(),
                            TimeUnit.MILLISECONDS)
                    .tag("read_model", readModel).description("Age of the oldest event the read model has not folded")
                    .register(registry);
        }
        Gauge.builder(STORE_EVENTS, () -> lag.sample().head())
                .description("Positions allocated in the event log: its events, and seals of abandoned positions")
                .register(registry);
    }

    private ReadModelLag.Behind behind(String readModel) {
        return lag.sample().readModels().stream().filter(behind -> behind.readModel().equals(readModel)).findFirst()
                .orElseThrow();
    }
}
