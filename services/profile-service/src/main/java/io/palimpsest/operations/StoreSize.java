package io.palimpsest.operations;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.palimpsest.storage.spring.StorageProperties;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The bytes the store takes. Embedded: its files in the data directory, the event log (with its write-ahead log) and
 * the read models apart, as the read models' file can be deleted and rebuilt (docs/storage.md). On a real MongoDB:
 * the database's storage and indexes, as {@code dbStats} reports them.
 */
@Component
class StoreSize implements MeterBinder {

    static final String SIZE = "palimpsest.store.size";

    private final StorageProperties storage;
    private final MongoDatabase database;

    StoreSize(StorageProperties storage, @Qualifier("eventLogDatabase") MongoDatabase database) {
        this.storage = storage;
        this.database = database;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (storage.embedded()) {
            gauge(registry, "event-log", () -> bytes(name -> name.startsWith("palimpsest.")));
            gauge(registry, "read-models", () -> bytes(name -> name.startsWith("read-models.")));
        } else {
            gauge(registry, "database", this::databaseBytes);
        }
    }

    private static void gauge(MeterRegistry registry, String part, Supplier<Number> bytes) {
        Gauge.builder(SIZE, bytes).tag("part", part).baseUnit("bytes").description("Bytes the store takes on disk")
                .register(registry);
    }

    private long bytes(Predicate<String> files) {
        try (Stream<Path> listed = Files.list(storage.dataDir())) {
            return listed.filter(path -> files.test(path.getFileName().toString())).mapToLong(StoreSize::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            // Deleted between the listing and now (a write-ahead log file after a checkpoint): no longer there.
            return 0;
        }
    }

    private double databaseBytes() {
        Document stats = database.runCommand(new Document("dbStats", 1));
        return number(stats, "storageSize") + number(stats, "indexSize");
    }

    private static double number(Document stats, String field) {
        return stats.get(field) instanceof Number value ? value.doubleValue() : 0;
    }
}
