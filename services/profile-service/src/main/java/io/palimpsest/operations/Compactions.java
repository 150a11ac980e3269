package io.palimpsest.operations;

import io.palimpsest.storage.EmbeddedMongoServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compacts the embedded store's two files while the service serves (docs/storage.md, "Compaction"): MVStore never
 * overwrites, so a file grows until its dead chunks are rewritten and the file truncated. On a real MongoDB there is
 * nothing of ours to compact.
 */
@Service
class Compactions {

    private final ObjectProvider<EmbeddedMongoServer> eventLog;
    private final ObjectProvider<EmbeddedMongoServer> readModels;
    private final Duration maxTime;

    Compactions(@Qualifier("eventLogStore") ObjectProvider<EmbeddedMongoServer> eventLog,
                @Qualifier("readModelStore") ObjectProvider<EmbeddedMongoServer> readModels,
                @Value("${palimpsest.operations.compact-time:60s}") Duration maxTime) {
        this.eventLog = eventLog;
        this.readModels = readModels;
        this.maxTime = maxTime;
    }

    /** Each file compacted, one after the other; empty when the store is not embedded or keeps nothing on disk. */
    synchronized List<EmbeddedMongoServer.Compaction> compact() {
        return Stream.of(eventLog.getIfAvailable(), readModels.getIfAvailable())
                .flatMap(store -> store == null ? Stream.empty() : store.compact(maxTime).stream())
                .toList();
    }
}
