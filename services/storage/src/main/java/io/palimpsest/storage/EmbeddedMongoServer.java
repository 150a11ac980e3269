package io.palimpsest.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.BsonBinaryReader;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process mongo-java-server on 127.0.0.1, persisting to an H2 MVStore file or keeping everything in memory.
 * Closing it stops the server and closes the MVStore, which commits what is still pending.
 * <p>
 * Writes are made durable one of two ways. With a {@link WriteAheadLog} (the event log's file), by syncing the log,
 * while the MVStore commits once a second and a checkpoint every {@value #CHECKPOINT_SECONDS} seconds lets the log
 * drop what the store has committed. Without one, by committing and syncing the MVStore itself.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    /** The event log's file; it kept the read models too before they had a file of their own. */
    public static final String EVENT_LOG_FILE = "palimpsest.mv.db";
    /** The read models and their processors' tokens: derived data, rebuilt from the log when missing. */
    public static final String READ_MODEL_FILE = "read-models.mv.db";
    static final int CHECKPOINT_SECONDS = 5;

    private static final DocumentCodec DOCUMENTS = new DocumentCodec();
    private static final DecoderContext DECODING = DecoderContext.builder().build();
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private final MongoServer server;
    private final MongoBackend backend;
    private final MVStore mvStore;
    private final InetSocketAddress address;
    private final GroupCommitDurability durability;
    private final WriteAheadLog writeAheadLog;
    private final ScheduledExecutorService checkpoints;

    private EmbeddedMongoServer(MongoBackend backend, MVStore mvStore, WriteAheadLog writeAheadLog,
                                boolean checkpointing) {
        this.server = new MongoServer(backend);
        this.backend = backend;
        this.mvStore = mvStore;
        this.writeAheadLog = writeAheadLog;
        this.durability = mvStore == null ? null : new GroupCommitDurability(writeAheadLog != null
                ? writeAheadLog::force : () -> {
                    mvStore.commit();
                    // commit() only hands the chunk to the OS; sync so the write also survives a power loss.
                    mvStore.sync();
                });
        this.checkpoints = writeAheadLog != null && checkpointing ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "store-checkpoint");
            thread.setDaemon(true);
            return thread;
        }) : null;
        if (checkpoints != null) {
            checkpoints.scheduleWithFixedDelay(this::checkpoint, CHECKPOINT_SECONDS, CHECKPOINT_SECONDS,
                    TimeUnit.SECONDS);
        }
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        this.address = server.getLocalAddress();
    }

    /**
     * Opens (or creates) the store file {@code fileName} under {@code dataDir}. The file only grows while chunks are
     * rewritten, so before serving it is shrunk within {@code compactTime}, and in the background the MVStore
     * rewrites sparse chunks as {@code autoCompactFillRate} says (docs/storage.md, "Compaction"). With
     * {@code writeAheadLog}, writes are made durable through a {@link WriteAheadLog} beside the file, replayed first.
     */
    public static EmbeddedMongoServer h2(Path dataDir, String fileName, int autoCompactFillRate,
                                         Duration compactTime, boolean writeAheadLog) {
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
            compactFile(store, compactTime);
            log.info("Compacted {} from {} to {} bytes", dataDir.resolve(fileName), before,
                     store.getFileStore().size());
        }
        return writeAheadLog ? withWriteAheadLog(store, dataDir, fileName, true) : onMvStore(store);
    }

    public static EmbeddedMongoServer memory() {
        return new EmbeddedMongoServer(new EmbeddedMemoryBackend(), null, null, false);
    }

    /** Serves an MVStore opened by the caller (tests open one with auto-commit disabled). */
    static EmbeddedMongoServer onMvStore(MVStore store) {
        return new EmbeddedMongoServer(new EmbeddedH2Backend(store), store, null, false);
    }

    /**
     * Serves an MVStore with a write-ahead log beside it in {@code dataDir}, replaying what an earlier run left there
     * first: the event log's store ({@link EmbeddedH2Backend#forEventLog}). Tests pass {@code checkpointing} false, so
     * that only what they make durable is.
     */
    static EmbeddedMongoServer withWriteAheadLog(MVStore store, Path dataDir, String fileName,
                                                 boolean checkpointing) {
        EmbeddedH2Backend backend = EmbeddedH2Backend.forEventLog(store);
        WriteAheadLog changes = WriteAheadLog.replayAndOpen(dataDir, fileName, backend);
        store.commit();
        store.sync();
        changes.checkpointed();
        backend.logChangesTo(changes);
        return new EmbeddedMongoServer(backend, store, changes, checkpointing);
    }

    /** A compaction of a store file: its size before and after, in bytes. */
    public record Compaction(String file, long bytesBefore, long bytesAfter) {
    }

    /**
     * Compacts the store file while it serves: rewrites sparse chunks, moves chunks together and truncates the file,
     * within {@code maxTime}. Writes go on meanwhile (into memory and, for the event log, its write-ahead log); the
     * store's own commits wait for the compaction. Empty when the store keeps nothing on disk.
     */
    public Optional<Compaction> compact(Duration maxTime) {
        if (mvStore == null) {
            return Optional.empty();
        }
        long before = mvStore.getFileStore().size();
        compactFile(mvStore, maxTime);
        return Optional.of(new Compaction(mvStore.getFileStore().getFileName(), before,
                mvStore.getFileStore().size()));
    }

    /**
     * H2's compaction sets the store's retention time to 0 and leaves it there: from then on the background writer may
     * free a chunk as soon as it holds no live page, while a reader still walks an older version of a map through it
     * ("Chunk 182 not found" under a burst of writes, and a closed store; docs/storage.md, "Compaction"). So the
     * retention time is put back once the compaction is done.
     */
    private static void compactFile(MVStore store, Duration maxTime) {
        int retentionTime = store.getRetentionTime();
        try {
            store.compactFile((int) Math.min(Integer.MAX_VALUE, maxTime.toMillis()));
        } finally {
            store.setRetentionTime(retentionTime);
        }
    }

    /** How long the store keeps chunks that hold no live page any more, in ms; 0 in memory. */
    int retentionTime() {
        return mvStore == null ? 0 : mvStore.getRetentionTime();
    }

    /** Starts a new log file, commits the store, and drops the log files the commit covers. */
    void checkpoint() {
        try {
            durability.exclusively(writeAheadLog::startNextFile);
            mvStore.commit();
            mvStore.sync();
            writeAheadLog.checkpointed();
        } catch (RuntimeException e) {
            // The log files stay until a checkpoint succeeds: nothing is lost, the next replay is longer.
            log.error("Checkpoint of {} failed", mvStore.getFileStore().getFileName(), e);
        }
    }

    /**
     * Whole documents of {@code database.collection} by {@code _id}, read from the store in-process: a reader of the
     * event log (a rebuild reads all of it) skips the server's query, two BSON codecs and the round trip. Empty when
     * the store is in memory: mongo-java-server's memory backend keeps no BSON.
     */
    Optional<DocumentsById> documentsById(String database, String collection) {
        if (!(backend instanceof EmbeddedH2Backend store)) {
            return Optional.empty();
        }
        return Optional.of(ids -> store.storedBson(database, collection, ids).stream().map(EmbeddedMongoServer::decode)
                .toList());
    }

    /**
     * Commits of {@code database.collection} by stream id, looked up in-process in its stream index: an aggregate's
     * walk (every command's load, every profile as of a revision) asks for windows of candidate ids, most of which
     * have no commit. Empty when the store is in memory.
     */
    Optional<AggregateCommits.ByStream> commitsByStream(String database, String collection) {
        if (!(backend instanceof EmbeddedH2Backend store)) {
            return Optional.empty();
        }
        AtomicReference<EmbeddedH2Backend.KeyLookup> lookup = new AtomicReference<>();
        return Optional.of(streamIds -> {
            EmbeddedH2Backend.KeyLookup streams = lookup.updateAndGet(found -> found != null ? found
                    : store.keyLookup(database, collection, MongoEventStorageEngine.STREAM_INDEX));
            return streams == null ? List.of()
                    : streams.storedBson(streamIds).stream().map(EmbeddedMongoServer::decode).toList();
        });
    }

    /** The event log's appends made in-process, on either engine. */
    CommitAppends commitAppends(String database, String counters, String events) {
        return new InProcessCommitAppends(backend, database, counters, events);
    }

    private static Document decode(byte[] bson) {
        return DOCUMENTS.decode(new BsonBinaryReader(ByteBuffer.wrap(bson)), DECODING);
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** Group commit on the store; nothing to do when the server keeps data in memory only. */
    public Durability durability() {
        return durability == null ? Durability.NONE : durability;
    }

    @Override
    public void close() {
        if (checkpoints != null) {
            checkpoints.shutdown();
            try {
                checkpoints.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // A store already closed was not closed by us (a test's simulated crash): its log must stay for the replay.
        boolean committedOnClose = mvStore != null && !mvStore.isClosed();
        server.shutdown();
        if (writeAheadLog != null && committedOnClose) {
            writeAheadLog.close();
        }
    }
}
