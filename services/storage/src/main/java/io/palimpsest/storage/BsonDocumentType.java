package io.palimpsest.storage;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Documents stored in the MVStore as BSON, with mongo-java-server's own wire codec, instead of H2's default
 * Java serialization: every page read from the file deserialized all its documents through
 * {@code ObjectInputStream}, and every commit wrote them through {@code ObjectOutputStream}. The values a stored
 * document holds are the ones the wire protocol decodes, so the wire codec keeps them as they are. A document is
 * encoded when it is put ({@link StoredDocument}); writing a page copies the BSON of each of its documents.
 */
final class BsonDocumentType extends BasicDataType<StoredDocument> {

    /**
     * What a stored document takes on the heap, for the page cache's accounting: about twice its BSON size once
     * decoded ({@link StoredDocument}).
     */
    private static final int HEAP_PER_BSON_BYTE = 2;
    private static final int FIRST_ESTIMATE = 1024;

    private volatile int averageSize = FIRST_ESTIMATE;

    /**
     * The running average size of the documents written, for every document, as H2's own default estimates: the page
     * cache (16 MiB) then holds more than its budget when its documents are larger than average. Counting each
     * document's own size (three times over, for its BSON and decoded copy) made the cache so much smaller that the
     * benchmark's reads slowed down: as-of p50 5.2 → 8.5 ms (docs/storage.md).
     */
    @Override
    public int getMemory(StoredDocument document) {
        return averageSize * HEAP_PER_BSON_BYTE;
    }

    @Override
    public void write(WriteBuffer buffer, StoredDocument document) {
        buffer.put(document.bson());
        averageSize = (averageSize * 15 + document.bson().length) / 16;
    }

    @Override
    public StoredDocument read(ByteBuffer buffer) {
        return StoredDocument.read(readBytes(buffer));
    }

    @Override
    public StoredDocument[] createStorage(int size) {
        return new StoredDocument[size];
    }

    /** {@code document} as BSON; throws {@link IllegalArgumentException} if it holds a value BSON cannot hold. */
    static byte[] encode(Map<String, ?> document, int sizeHint) {
        ByteBuf bson = Unpooled.buffer(sizeHint);
        try {
            BsonEncoder.encodeDocument(document, bson);
            byte[] bytes = new byte[bson.readableBytes()];
            bson.readBytes(bytes);
            return bytes;
        } finally {
            bson.release();
        }
    }

    /**
     * Writes {@code document} as BSON; throws {@link IllegalArgumentException}, having written nothing, if it holds a
     * value BSON cannot hold.
     */
    static void write(WriteBuffer buffer, Map<String, ?> document, int sizeHint) {
        buffer.put(encode(document, sizeHint));
    }

    static Document readBson(ByteBuffer buffer) {
        return decode(readBytes(buffer));
    }

    static Document decode(byte[] bson) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    private static byte[] readBytes(ByteBuffer buffer) {
        byte[] bson = new byte[littleEndianInt(buffer, buffer.position())];
        buffer.get(bson);
        return bson;
    }

    /** A BSON document starts with its length in bytes, little-endian whatever the buffer's order. */
    private static int littleEndianInt(ByteBuffer buffer, int at) {
        return (buffer.get(at) & 0xff) | (buffer.get(at + 1) & 0xff) << 8 | (buffer.get(at + 2) & 0xff) << 16
                | (buffer.get(at + 3) & 0xff) << 24;
    }
}
