package io.palimpsest.operations;

import com.mongodb.client.MongoDatabase;
import io.palimpsest.storage.BackupFile;
import io.palimpsest.storage.Durability;
import io.palimpsest.storage.EmbeddedMongoServer;
import io.palimpsest.storage.EventLogBackup;
import io.palimpsest.storage.spring.StorageConfiguration;
import io.palimpsest.storage.spring.StorageProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Online backups of the event log into the backup directory ({@code palimpsest.operations.backup-dir}, by default
 * {@code backups} in the data directory), taken while editors go on editing (docs/operations.md, "Backup and restore").
 * One at a time: a second request waits for the first.
 */
@Service
public class Backups {

    /** {@code palimpsest-<UTC time>-<position>.backup.gz}: sorts by time, and names what it holds. */
    static final Pattern NAME = Pattern.compile("palimpsest-\\d{8}T\\d{9}Z-\\d+\\.backup\\.gz");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final EventLogBackup backup;
    private final Path directory;

    Backups(@Qualifier("eventLogDatabase") MongoDatabase eventLog,
            @Qualifier("eventLogStore") ObjectProvider<EmbeddedMongoServer> embedded, StorageProperties storage,
            Durability durability, @Value("${palimpsest.operations.backup-dir:}") String backupDir) {
        this.backup = EventLogBackup.of(eventLog, embedded.getIfAvailable(), storage.database(), durability,
                storage.gapTimeout(), StorageConfiguration.BESIDE_THE_LOG);
        this.directory = backupDir.isBlank() ? storage.dataDir().resolve("backups") : Path.of(backupDir);
    }

    /** A backup in the directory: its file name, size and header. */
    public record Stored(String name, long bytes, BackupFile.Header header) {
    }

    /** Takes a backup and keeps it in the backup directory. */
    public synchronized Stored take() {
        try {
            Files.createDirectories(directory);
            Path taking = directory.resolve(".taking.backup.gz");
            BackupFile.Header header = writeTo(taking);
            String name = "palimpsest-" + TIME.format(header.createdAt()) + "-" + header.position() + ".backup.gz";
            Path file = Files.move(taking, directory.resolve(name));
            return new Stored(name, Files.size(file), header);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a backup into " + directory, e);
        }
    }

    /** Takes a backup into {@code file} (the command line's {@code backup <file>}). */
    public synchronized BackupFile.Header writeTo(Path file) {
        return backup.writeTo(file);
    }

    /** The backups in the directory, newest first; their headers are read, the payloads not checked. */
    public List<Stored> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> NAME.matcher(file.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(Path::getFileName).reversed())
                    .map(file -> new Stored(file.getFileName().toString(), size(file), BackupFile.header(file)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }

    /** The file of the backup named {@code name}, if there is one. */
    public Optional<Path> file(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = directory.resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
