package io.palimpsest.storage;

import de.bwaldvogel.mongo.bson.Document;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The embedded event log's durability without an MVStore commit per acknowledged write. Every document the store
 * puts or removes is also appended here (its BSON, already encoded for the MVStore); making writes durable is then an
 * append and an {@code fsync} of this file, while the MVStore commits on its own schedule — once a second, not once
 * per group of writes. Each MVStore commit writes a chunk, and under load hundreds of chunks a second, each kept alive
 * by a few pages, were what the store spent its CPU on past 100,000 events (bookkeeping and compaction of the chunks).
 * <p>
 * The log is a numbered series of files. A checkpoint starts the next file, commits the MVStore (which then holds
 * everything the earlier files hold, as each record is appended after its change is made) and deletes the earlier
 * files. On opening, the files left are replayed in order, each record putting back the document it holds (or
 * removing it) through the collection, so the indexes follow; a record cut short by a crash ends the replay, and it was
 * never acknowledged. Replaying a record whose change the MVStore already has is harmless: it puts the same document,
 * also where the MVStore's last commit caught that change between the document and its index entries
 * ({@link EmbeddedCollection#restore}).
 * <p>
 * Record: length (int, of what follows the checksum), CRC-32 of it (int), kind (byte), collection's full name
 * (UTF-8, length-prefixed short), document as BSON.
 */
final class WriteAheadLog implements AutoCloseable {

    private static final byte PUT = 1;
    private static final byte REMOVE = 2;
    private static final int HEADER = 8;

    private final Path directory;
    private final String prefix;
    private final Object appending = new Object();
    private ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long fileNumber;
    private FileChannel file;

    private WriteAheadLog(Path directory, String prefix, long fileNumber) {
        this.directory = directory;
        this.prefix = prefix;
        this.fileNumber = fileNumber;
        this.file = create(fileNumber);
    }

    /**
     * Replays the log files of {@code storeFileName} left in {@code directory} into {@code backend}, then starts a new
     * log. The caller commits the store and calls {@link #checkpointed()} to drop the files replayed.
     */
    static WriteAheadLog replayAndOpen(Path directory, String storeFileName, EmbeddedH2Backend backend) {
        String prefix = storeFileName.replace(".mv.db", "") + ".wal.";
        List<Long> numbers = numbers(directory, prefix);
        for (long number : numbers) {
            replay(directory.resolve(prefix + number), backend);
        }
        return new WriteAheadLog(directory, prefix, numbers.isEmpty() ? 1 : numbers.get(numbers.size() - 1) + 1);
    }

    void put(String collection, byte[] bson) {
        append(PUT, collection, bson);
    }

    void remove(String collection, Object id) {
        append(REMOVE, collection, BsonDocumentType.encode(new Document("_id", id), 64));
    }

    private void append(byte kind, String collection, byte[] bson) {
        byte[] name = collection.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(1 + 2 + name.length + bson.length);
        body.put(kind).putShort((short) name.length).put(name).put(bson);
        CRC32 crc = new CRC32();
        crc.update(body.array());
        synchronized (appending) {
            DataOutputStream out = new DataOutputStream(pending);
            try {
                out.writeInt(body.capacity());
                out.writeInt((int) crc.getValue());
                out.write(body.array());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes and syncs every record appended so far. One caller at a time (the group commit's leader). */
    void force() {
        writeAndSync();
    }

    /**
     * Makes what was appended so far durable in the current file and goes on in a new one; after the store has
     * committed, {@link #checkpointed()} drops the earlier files. Same caller discipline as {@link #force()}.
     */
    void startNextFile() {
        writeAndSync();
        FileChannel next = create(fileNumber + 1);
        close(file);
        synchronized (appending) {
            file = next;
            fileNumber++;
        }
    }

    /** The store has committed everything up to the start of the current file: the files before it go. */
    void checkpointed() {
        long current;
        synchronized (appending) {
            current = fileNumber;
        }
        for (long number : numbers(directory, prefix)) {
            if (number < current) {
                delete(directory.resolve(prefix + number));
            }
        }
    }

    private void writeAndSync() {
        byte[] records;
        synchronized (appending) {
            records = pending.toByteArray();
            pending = new ByteArrayOutputStream(Math.max(1024, records.length));
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(records);
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
            file.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the write-ahead log " + prefix + fileNumber, e);
        }
    }

    /** After the store closed cleanly (it commits on close): nothing is left to replay. */
    @Override
    public void close() {
        close(file);
        fileNumber++;
        checkpointed();
    }

    private FileChannel create(long number) {
        try {
            FileChannel created = FileChannel.open(directory.resolve(prefix + number), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            // The new file's name must survive a power loss too, or its synced records go with it.
            try (FileChannel parent = FileChannel.open(directory, StandardOpenOption.READ)) {
                parent.force(true);
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the write-ahead log " + prefix + number, e);
        }
    }

    private static void replay(Path path, EmbeddedH2Backend backend) {
        ByteBuffer records;
        try {
            records = ByteBuffer.wrap(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the write-ahead log " + path, e);
        }
        while (records.remaining() >= HEADER) {
            int length = records.getInt();
            int checksum = records.getInt();
            if (length <= 0 || length > records.remaining()) {
                return;
            }
            byte[] body = new byte[length];
            records.get(body);
            CRC32 crc = new CRC32();
            crc.update(body);
            if ((int) crc.getValue() != checksum) {
                return;
            }
            apply(ByteBuffer.wrap(body), backend);
        }
    }

    private static void apply(ByteBuffer body, EmbeddedH2Backend backend) {
        byte kind = body.get();
        byte[] name = new byte[body.getShort()];
        body.get(name);
        Document document = BsonDocumentType.readBson(body);
        EmbeddedCollection collection = (EmbeddedCollection) backend.collection(new String(name, StandardCharsets.UTF_8));
        collection.restore(document.get("_id"), kind == PUT ? document : null);
    }

    private static List<Long> numbers(Path directory, String prefix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix))
                    .map(n -> n.substring(prefix.length())).filter(n -> n.matches("\\d+")).map(Long::parseLong)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path, e);
        }
    }
}
