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
 * document holds are the ones the wire protocol decodes, so the wire codec keeps them as they are.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    /** What a decoded document takes on the heap, for the page cache's accounting: about twice its BSON size. */
    private static final int HEAP_PER_BSON_BYTE = 2;
    private static final int FIRST_ESTIMATE = 1024;

    private volatile int averageSize = FIRST_ESTIMATE;

    @Override
    public int getMemory(Document document) {
        return averageSize * HEAP_PER_BSON_BYTE;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        averageSize = (averageSize * 15 + write(buffer, document, averageSize)) / 16;
    }

    @Override
    public Document read(ByteBuffer buffer) {
        return readBson(buffer);
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    /**
     * Writes {@code document} as BSON and answers its size; throws {@link IllegalArgumentException}, having written
     * nothing, if it holds a value BSON cannot hold.
     */
    static int write(WriteBuffer buffer, Map<String, ?> document, int sizeHint) {
        ByteBuf bson = Unpooled.buffer(sizeHint + sizeHint / 2);
        try {
            BsonEncoder.encodeDocument(document, bson);
            int size = bson.readableBytes();
            buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
            return size;
        } finally {
            bson.release();
        }
    }

    static Document readBson(ByteBuffer buffer) {
        byte[] bson = new byte[littleEndianInt(buffer, buffer.position())];
        buffer.get(bson);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /** A BSON document starts with its length in bytes, little-endian whatever the buffer's order. */
    private static int littleEndianInt(ByteBuffer buffer, int at) {
        return (buffer.get(at) & 0xff) | (buffer.get(at + 1) & 0xff) << 8 | (buffer.get(at + 2) & 0xff) << 16
                | (buffer.get(at + 3) & 0xff) << 24;
    }
}
