package io.palimpsest.operations;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.palimpsest.ProfileServiceApplication;
import io.palimpsest.storage.BackupFile;
import io.palimpsest.storage.Durability;
import io.palimpsest.storage.EmbeddedMongoServer;
import io.palimpsest.storage.EventLogRestore;
import io.palimpsest.storage.spring.StorageConfiguration;
import io.palimpsest.storage.spring.StorageProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code java -jar profile-service.jar backup|restore|verify <file> [--property=value ...]}: the service's jar run as
 * an operations tool rather than a web service, on the store the service would use ({@code MONGODB_URI}, or the
 * embedded store in {@code PALIMPSEST_DATA_DIR}; properties as for the service). See docs/operations.md.
 * <ul>
 *   <li>{@code backup <file>}: an online backup of the event log into the file (a running service holds the embedded
 *   store's files: take that one's with {@code POST /api/admin/backups});</li>
 *   <li>{@code restore <file>}: into an empty store only; the service started on it then rebuilds its read models;</li>
 *   <li>{@code verify <file>}: checks the file whole, restores it into a scratch store, starts the service on it (its web
 *   server on a free loopback port), lets it rebuild every read model, checks each holds every profile of the backup folded to
 *   its last event, and prints each read model's digest.</li>
 * </ul>
 * Exit status 0 when done, 1 when refused or failed (the message says why), 2 for a wrong command line.
 */
public final class OperationsCommandLine {

    private static final List<String> COMMANDS = List.of("backup", "restore", "verify");
    private static final Duration FOLD_TIMEOUT = Duration.ofHours(1);

    private final PrintStream out;
    private final PrintStream err;

    private OperationsCommandLine(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Whether the arguments ask for an operation rather than the service. */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs the operation the arguments name; returns the exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return new OperationsCommandLine(out, err).run(args);
    }

    private int run(String[] args) {
        if (!handles(args) || args.length < 2 || args[1].startsWith("--")) {
            err.println("usage: java -jar profile-service.jar backup|restore|verify <file> [--property=value ...]");
            return 2;
        }
        Path file = Path.of(args[1]);
        String[] properties = Arrays.copyOfRange(args, 2, args.length);
        try {
            switch (args[0]) {
                case "backup" -> backup(file, properties);
                case "restore" -> restore(file, properties);
                default -> {
                    return verify(file, properties) ? 0 : 1;
                }
            }
            return 0;
        } catch (BackupFile.Unreadable e) {
            err.println("error: " + file + " is not an intact backup: " + e.getMessage());
        } catch (EventLogRestore.NotEmpty e) {
            err.println("error: refused: " + e.getMessage());
        } catch (RuntimeException e) {
            err.println("error: " + args[0] + " failed: " + messages(e));
        }
        return 1;
    }

    private void backup(Path file, String[] properties) {
        try (ConfigurableApplicationContext storage = storage(properties)) {
            BackupFile.Header header = storage.getBean(Backups.class).writeTo(file);
            out.println("backup written to " + file);
            print(header);
        }
    }

    private void restore(Path file, String[] properties) {
        try (ConfigurableApplicationContext storage = storage(properties)) {
            StorageProperties settings = storage.getBean(StorageProperties.class);
            // Read models or tokens of another log would be taken for this one's.
            EventLogRestore.requireEmpty(storage.getBean("readModelDatabase", MongoDatabase.class));
            BackupFile.Header header = EventLogRestore.restore(file,
                    storage.getBean("eventLogDatabase", MongoDatabase.class),
                    settings.embedded() ? WriteConcern.ACKNOWLEDGED : WriteConcern.MAJORITY.withJournal(true),
                    storage.getBean(Durability.class));
            out.println("restored " + file + " into database \"" + settings.database() + "\" ("
                    + (settings.embedded() ? "embedded store in " + settings.dataDir() : "MongoDB") + ")");
            print(header);
            out.println("the service started on this store rebuilds its read models before it is ready");
        }
    }

    private boolean verify(Path file, String[] properties) {
        BackupFile.Header header = BackupFile.verify(file);
        out.println("backup " + file + " is intact (checksum sha256 " + header.payloadSha256() + ")");
        print(header);
        Map<String, Long> lastSequences = BackupFile.lastSequenceNumbers(file);
        Path scratch = scratchStore(file, header);
        try (ConfigurableApplicationContext service = headlessService(scratch, header.database(), properties)) {
            awaitFolded(service.getBean(ReadModelLag.class), header.position());
            ReadModelDigests digests = service.getBean(ReadModelDigests.class);
            boolean complete = true;
            for (Map.Entry<String, Map<String, Long>> folded : digests.lastSequences().entrySet()) {
                if (!folded.getValue().equals(lastSequences)) {
                    err.println("error: read model " + folded.getKey() + " does not hold every profile of the backup "
                            + "folded to its last event: expected " + lastSequences + ", found " + folded.getValue());
                    complete = false;
                }
            }
            for (ReadModelDigests.Digest digest : digests.compute()) {
                out.println("read model " + digest.readModel() + ": " + digest.documents() + " documents, sha256 "
                        + digest.sha256());
            }
            if (complete) {
                out.println("every read model folded all " + lastSequences.size() + " profiles of the backup");
            }
            return complete;
        } finally {
            FileSystemUtils.deleteRecursively(scratch.toFile());
        }
    }

    /** The backup restored into an embedded store of its own, in a temporary directory. */
    private static Path scratchStore(Path file, BackupFile.Header header) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("palimpsest-verify");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a scratch directory", e);
        }
        try (EmbeddedMongoServer store = EmbeddedMongoServer.h2(scratch, EmbeddedMongoServer.EVENT_LOG_FILE, 80,
                Duration.ZERO, true);
             MongoClient client = MongoClients.create(store.connectionString())) {
            EventLogRestore.restore(file, client.getDatabase(header.database()), WriteConcern.ACKNOWLEDGED,
                    store.durability());
        }
        return scratch;
    }

    private static void awaitFolded(ReadModelLag lag, long position) {
        Instant giveUp = Instant.now().plus(FOLD_TIMEOUT);
        while (!lag.sample().readModels().stream().allMatch(readModel -> readModel.position() >= position
                || readModel.positions() == 0)) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("the read models did not fold the backup within " + FOLD_TIMEOUT);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the read models were folded", e);
            }
        }
    }

    private void print(BackupFile.Header header) {
        out.println("format " + BackupFile.FORMAT + " version " + header.formatVersion() + ", database \""
                + header.database() + "\", consistent at position " + header.position() + ", " + header.commits()
                + " commits, " + header.events() + " events, taken " + header.createdAt());
    }

    /** The storage beans only, as the service configures them; nothing else is created. */
    private static ConfigurableApplicationContext storage(String[] properties) {
        return new SpringApplicationBuilder(StorageOnly.class).web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).lazyInitialization(true)
                .properties("logging.level.root=WARN").run(properties);
    }

    /** Not a component: the service's scan must not find it. */
    @Import({StorageConfiguration.class, Backups.class})
    static class StorageOnly {
    }

    /**
     * The whole service on the scratch store, under a user of its own that no one knows; its web server (the security
     * configuration needs one) listens on a free port of the loopback interface.
     */
    private static ConfigurableApplicationContext headlessService(Path scratch, String database, String[] properties) {
        List<String> arguments = new ArrayList<>(List.of(properties));
        arguments.addAll(List.of("--palimpsest.storage.data-dir=" + scratch, "--palimpsest.storage.mongodb-uri=",
                "--palimpsest.storage.database=" + database, "--palimpsest.storage.startup-compact-time=0s",
                // Arguments, not default properties: application.properties' server.port=${PORT:8080} would win over
                // those, and the scratch service would take (or fail on) the real service's port.
                "--server.port=0", "--server.address=127.0.0.1",
                "--palimpsest.users=verify:{bcrypt}" + new BCryptPasswordEncoder().encode(UUID.randomUUID().toString())
                        + ":READER"));
        return new SpringApplicationBuilder(ProfileServiceApplication.class)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .properties("logging.level.root=WARN", "axoniq.update-checker.disabled=true")
                .run(arguments.toArray(String[]::new));
    }

    private static String messages(Throwable e) {
        StringBuilder messages = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            messages.append(": ").append(cause.getMessage());
        }
        return messages.toString();
    }
}
