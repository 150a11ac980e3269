package io.palimpsest.storage;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonParseException;
import org.bson.json.JsonWriterSettings;

/**
 * A backup of the event log in one file: gzip, one JSON document per line. The first line is the {@link Header}; every
 * line after it is one document of {@code events} as stored (a commit or a seal), in MongoDB Extended JSON (canonical,
 * so that longs and dates come back as they were) with its {@code _id} first, in position order, covering every
 * position from 1 to the header's {@code position} exactly once. Since format version 2, the commits are followed by
 * the documents of other collections of the event log's database kept with it ({@code {"collection": …, "document":
 * …}}, as many as the header's {@code besides}): the editors' keys. The header's {@code payloadSha256} is the SHA-256
 * of all those lines' UTF-8 bytes, each with its newline. The file is two gzip members, the header's and the payload's (the header is only known once the
 * payload is written); {@code zcat} and Java read them as one stream. docs/operations.md describes the format.
 */
public final class BackupFile {

    public static final String FORMAT = "palimpsest-event-log";
    public static final int FORMAT_VERSION = 2;
    /** Files of version 1 hold commits only; they are read as holding no documents beside them. */
    private static final int FIRST_FORMAT_VERSION = 1;
    private static final String BESIDE_COLLECTION = "collection";
    private static final String BESIDE_DOCUMENT = "document";

    private static final JsonWriterSettings EXTENDED = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private BackupFile() {
    }

    /**
     * What the file holds: the event log up to {@code position} (every position at or below it is in the file, none
     * above), the {@code commits} and {@code events} among its documents, the documents of other collections kept
     * {@code besides} them, and the checksum of the payload.
     */
    public record Header(int formatVersion, String database, long position, long commits, long events, long besides,
                         Instant createdAt, String payloadSha256) {

        Document toDocument() {
            return new Document("format", FORMAT).append("formatVersion", formatVersion).append("database", database)
                    .append("position", position).append("commits", commits).append("events", events)
                    .append("besides", besides).append("createdAt", Date.from(createdAt)).append("payloadSha256", payloadSha256);
        }

        static Header of(Document header) {
            if (!FORMAT.equals(header.getString("format"))) {
                throw new Unreadable("not a backup of the event log: its header names format \""
                        + header.getString("format") + "\", not \"" + FORMAT + "\"");
            }
            int version = header.get("formatVersion", Number.class).intValue();
            if (version < FIRST_FORMAT_VERSION || version > FORMAT_VERSION) {
                throw new Unreadable("format version " + version + " is not one this version reads ("
                        + FIRST_FORMAT_VERSION + " to " + FORMAT_VERSION + ")");
            }
            long besides = version == FIRST_FORMAT_VERSION ? 0 : number(header, "besides");
            return new Header(version, header.getString("database"), number(header, "position"),
                    number(header, "commits"), number(header, "events"), besides, header.getDate("createdAt").toInstant(),
                    header.getString("payloadSha256"));
        }

        private static long number(Document header, String field) {
            return header.get(field, Number.class).longValue();
        }
    }

    /** A file that is not a whole, intact backup this version can read; the message says what is wrong. */
    public static final class Unreadable extends RuntimeException {

        Unreadable(String message) {
            super(message);
        }

        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Reads the whole file and checks it: its header, that its documents cover positions 1 to the header's position
     * in order, each once, the counts and the checksum. Nothing is handed out before all of it is checked, so a
     * restore never starts on a file it would have to stop half way through.
     *
     * @throws Unreadable naming what is wrong
     */
    public static Header verify(Path file) {
        return read(file, commit -> {
        }, (collection, document) -> {
        });
    }

    /** The header alone, without reading or checking the payload (a listing of backups). */
    public static Header header(Path file) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String first = lines.readLine();
            if (first == null) {
                throw new Unreadable(file + " is empty");
            }
            return header(first);
        } catch (EOFException | ZipException e) {
            throw new Unreadable(file + " is cut short or not gzip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * The last sequence number of every aggregate in the file, from {@link #verify}ing it whole: what every read
     * model folded from the backup must have folded.
     */
    public static Map<String, Long> lastSequenceNumbers(Path file) {
        Map<String, Long> last = new TreeMap<>();
        read(file, document -> {
            String aggregate = document.getString(CommitDocuments.AGGREGATE_ID);
            if (aggregate != null) {
                last.merge(aggregate, document.getLong(CommitDocuments.LAST_SEQ), Math::max);
            }
        }, (collection, document) -> {
        });
        return last;
    }

    /**
     * {@link #verify}, handing each commit or seal to {@code documents} in position order as it is read, then each
     * document kept beside the log to {@code besides} with the name of its collection.
     */
    static Header read(Path file, Consumer<Document> documents, BiConsumer<String, Document> besides) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String first = lines.readLine();
            if (first == null) {
                throw new Unreadable(file + " is empty");
            }
            Header header = header(first);
            MessageDigest payload = sha256();
            long last = 0;
            long commits = 0;
            long events = 0;
            long beside = 0;
            long lineNumber = 1;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                payload.update((line + "\n").getBytes(StandardCharsets.UTF_8));
                Document document = parse(line, lineNumber);
                if (document.containsKey(BESIDE_COLLECTION)) {
                    beside++;
                    besides.accept(document.getString(BESIDE_COLLECTION),
                            document.get(BESIDE_DOCUMENT, Document.class));
                    continue;
                }
                if (beside > 0) {
                    throw new Unreadable("line " + lineNumber + " is a commit or seal after the documents beside "
                            + "the log");
                }
                long start;
                long end;
                try {
                    start = TrackedCommitReader.firstPosition(document);
                    end = document.getLong(CommitDocuments.ID);
                } catch (NullPointerException | ClassCastException e) {
                    throw new Unreadable("line " + lineNumber + " is not a commit or seal of the event log", e);
                }
                if (start != last + 1) {
                    throw new Unreadable("line " + lineNumber + " holds positions from " + start + " to " + end
                            + ", expected the next from " + (last + 1));
                }
                last = end;
                if (!CommitDocuments.isSealed(document)) {
                    commits++;
                    events += document.getList(CommitDocuments.EVENTS, Document.class).size();
                }
                documents.accept(document);
            }
            String checksum = HexFormat.of().formatHex(payload.digest());
            if (!checksum.equals(header.payloadSha256())) {
                throw new Unreadable("checksum mismatch: the header says " + header.payloadSha256()
                        + ", the payload is " + checksum + " (the file is damaged)");
            }
            if (last != header.position() || commits != header.commits() || events != header.events()
                    || beside != header.besides()) {
                throw new Unreadable("the header says positions up to " + header.position() + ", " + header.commits()
                        + " commits, " + header.events() + " events and " + header.besides()
                        + " documents beside them; the file holds " + last + ", " + commits + ", " + events + " and "
                        + beside);
            }
            return header;
        } catch (EOFException | ZipException e) {
            throw new Unreadable(file + " is cut short or not gzip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static Header header(String firstLine) {
        try {
            return Header.of(parse(firstLine, 1));
        } catch (NullPointerException | ClassCastException e) {
            throw new Unreadable("the header (line 1) lacks a field or holds one of the wrong type: " + firstLine, e);
        }
    }

    private static Document parse(String line, long lineNumber) {
        try {
            return Document.parse(line);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new Unreadable("line " + lineNumber + " is not a JSON document: " + e.getMessage(), e);
        }
    }

    /** Writes the payload to a file beside the target, then the target: the header's member, then the payload's. */
    static final class Output implements AutoCloseable {

        private final Path target;
        private final Path payloadFile;
        private final Writer payload;
        private final MessageDigest checksum = sha256();
        private long commits;
        private long events;
        private long besides;

        Output(Path target) throws IOException {
            this.target = target;
            this.payloadFile = Files.createTempFile(target.toAbsolutePath().getParent(), ".backup-payload", ".gz");
            this.payload = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(payloadFile)),
                    StandardCharsets.UTF_8);
        }

        void add(Document document) throws IOException {
            // _id first, as the driver stores it; appended in-process, a commit has it last.
            Document idFirst = new Document(CommitDocuments.ID, document.get(CommitDocuments.ID));
            document.forEach(idFirst::putIfAbsent);
            write(idFirst);
            if (!CommitDocuments.isSealed(document)) {
                commits++;
                events += document.getList(CommitDocuments.EVENTS, Document.class).size();
            }
        }

        /** A document of {@code collection} kept beside the log; after every commit. */
        void addBeside(String collection, Document document) throws IOException {
            write(new Document(BESIDE_COLLECTION, collection).append(BESIDE_DOCUMENT, document));
            besides++;
        }

        private void write(Document document) throws IOException {
            String line = document.toJson(EXTENDED) + "\n";
            checksum.update(line.getBytes(StandardCharsets.UTF_8));
            payload.write(line);
        }

        /** Writes the target (through a temporary file, moved into place) with the header of what was added. */
        Header finish(String database, long position, Instant createdAt) throws IOException {
            payload.close();
            Header header = new Header(FORMAT_VERSION, database, position, commits, events, besides, createdAt,
                    HexFormat.of().formatHex(checksum.digest()));
            Path whole = Files.createTempFile(target.toAbsolutePath().getParent(), ".backup", ".gz");
            try (OutputStream out = Files.newOutputStream(whole)) {
                GZIPOutputStream headerMember = new GZIPOutputStream(out);
                headerMember.write((header.toDocument().toJson(RELAXED) + "\n").getBytes(StandardCharsets.UTF_8));
                headerMember.finish();
                Files.copy(payloadFile, out);
            }
            Files.move(whole, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return header;
        }

        @Override
        public void close() throws IOException {
            payload.close();
            Files.deleteIfExists(payloadFile);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
