package io.palimpsest.storage.spring;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code palimpsest.storage.*}; see docs/storage.md.
 *
 * @param dataDir              where the embedded store keeps its H2 MVStore file
 * @param mongodbUri           a real MongoDB to use instead of the embedded store; blank means embedded
 * @param database             the database holding all collections
 * @param engine               backend of the embedded store
 * @param gapTimeout           how long a tracking reader waits for an allocated but unwritten position before
 *                             sealing it
 * @param trackingBatchSize    positions asked for per tracking read round trip
 * @param streamWindow         stream ids asked for per round trip when reading one aggregate
 * @param claimTimeout         after this long without an update another node may take a processor's segment
 * @param autoCompactFillRate  how eagerly MVStore rewrites sparse chunks in the background (H2's rule: under
 *                             load when its chunks' fill rate is below 2·rate²/100 − 100 percent, idle when
 *                             below rate percent); 80, not H2's 90, see docs/storage.md "Compaction"
 * @param startupCompactTime   time budget for shrinking the MVStore file on startup; zero skips it
 */
@ConfigurationProperties("palimpsest.storage")
public record StorageProperties(
        @DefaultValue("./data") Path dataDir,
        String mongodbUri,
        @DefaultValue("palimpsest") String database,
        @DefaultValue("h2") EmbeddedEngine engine,
        @DefaultValue("10s") Duration gapTimeout,
        @DefaultValue("1000") int trackingBatchSize,
        @DefaultValue("256") int streamWindow,
        @DefaultValue("10s") Duration claimTimeout,
        @DefaultValue("80") int autoCompactFillRate,
        @DefaultValue("5s") Duration startupCompactTime) {

    public boolean embedded() {
        return mongodbUri == null || mongodbUri.isBlank();
    }

    /** The backend of the in-process store used when no {@code mongodb-uri} is set. */
    public enum EmbeddedEngine {
        /** Persistent: an H2 MVStore file under {@code data-dir}. */
        H2,
        /** Nothing persisted; for benchmarks and throwaway runs. */
        MEMORY
    }
}
