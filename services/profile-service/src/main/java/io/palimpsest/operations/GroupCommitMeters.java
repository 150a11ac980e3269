package io.palimpsest.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.palimpsest.storage.Durability;
import io.palimpsest.storage.GroupCommitStats;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * The embedded store's group commit, from the totals it keeps: rounds and the time they spend making writes durable
 * (the fsync of the write-ahead log), and the writes they cover; a group's mean size is writes over rounds. A real
 * MongoDB makes each write durable itself (write concern) and has none of these.
 */
@Component
class GroupCommitMeters implements MeterBinder {

    static final String SYNC = "palimpsest.group.commit.sync";
    static final String WRITES = "palimpsest.group.commit.writes";

    private final Durability durability;

    GroupCommitMeters(Durability durability) {
        this.durability = durability;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (durability instanceof GroupCommitStats stats) {
            FunctionTimer.builder(SYNC, stats, GroupCommitStats::rounds, GroupCommitStats::roundNanos,
                    TimeUnit.NANOSECONDS).description("Group commit rounds and the time they spend syncing")
                    .register(registry);
            FunctionCounter.builder(WRITES, stats, GroupCommitStats::writesMadeDurable)
                    .description("Writes made durable by group commit rounds").register(registry);
        }
    }
}
