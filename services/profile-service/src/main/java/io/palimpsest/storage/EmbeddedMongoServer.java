package io.palimpsest.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process mongo-java-server on 127.0.0.1, persisting to an H2 MVStore file or keeping everything in memory.
 * Closing it stops the server and closes the MVStore, which commits what is still pending.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    /** The event log's file; it kept the read models too before they had a file of their own. */
    static final String EVENT_LOG_FILE = "palimpsest.mv.db";
    /** The read models and their processors' tokens: derived data, rebuilt from the log when missing. */
    static final String READ_MODEL_FILE = "read-models.mv.db";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private final MongoServer server;
    private final MVStore mvStore;
    private final InetSocketAddress address;
    private final Durability durability;

    private EmbeddedMongoServer(MongoBackend backend, MVStore mvStore) {
        this.server = new MongoServer(backend);
        this.mvStore = mvStore;
        this.durability = mvStore == null ? Durability.NONE : new GroupCommitDurability(mvStore);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        this.address = server.getLocalAddress();
    }

    /**
     * Opens (or creates) the store file {@code fileName} under {@code dataDir}. The file only grows while chunks are
     * rewritten, so before serving it is shrunk within {@code compactTime}, and in the background the MVStore
     * rewrites sparse chunks whenever the fill rate drops below {@code autoCompactFillRate} percent.
     */
    public static EmbeddedMongoServer h2(Path dataDir, String fileName, int autoCompactFillRate,
                                         Duration compactTime) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dataDir, e);
        }
        MVStore store = new MVStore.Builder()
                .fileName(dataDir.resolve(fileName).toString())
                .autoCompactFillRate(autoCompactFillRate)
                .open();
        if (!compactTime.isZero()) {
            long before = store.getFileStore().size();
            store.compactFile((int) compactTime.toMillis());
            log.info("Compacted {} from {} to {} bytes", dataDir.resolve(fileName), before,
                     store.getFileStore().size());
        }
        return onMvStore(store);
    }

    public static EmbeddedMongoServer memory() {
        return new EmbeddedMongoServer(new EmbeddedMemoryBackend(), null);
    }

    /** Serves an MVStore opened by the caller (tests open one with auto-commit disabled). */
    static EmbeddedMongoServer onMvStore(MVStore store) {
        return new EmbeddedMongoServer(new EmbeddedH2Backend(store), store);
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** Group commit on the MVStore; nothing to do when the server keeps data in memory only. */
    public Durability durability() {
        return durability;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
