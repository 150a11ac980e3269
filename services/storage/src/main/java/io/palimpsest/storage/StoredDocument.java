package io.palimpsest.storage;

import de.bwaldvogel.mongo.bson.Document;

/**
 * A document as the embedded store keeps it: as the BSON it was stored as, for the MVStore to write, and decoded,
 * for mongo-java-server to match and update. A commit writes every document of each page it changed, not only the
 * changed ones; with their BSON kept, the unchanged ones are copied rather than encoded again.
 * <p>
 * A document read from the file is decoded only when first asked for: a page read brings in all of its documents,
 * and most are never looked at as documents — the event log's readers take the BSON itself, and an insert only
 * rewrites the page around it. Decoding them all was a third of what the event log's reader allocated in a rebuild.
 * <p>
 * The decoded document is shared by every query that reads it and must not change: updates are handed copies
 * ({@link EmbeddedCollection}), and the document they put becomes a new stored document.
 */
final class StoredDocument {

    private static final int SIZE_HINT = 1024;

    private final byte[] bson;
    private volatile Document document;

    private StoredDocument(Document document, byte[] bson) {
        this.document = document;
        this.bson = bson;
    }

    /** Encodes the document; throws {@link IllegalArgumentException} if it holds a value BSON cannot hold. */
    static StoredDocument of(Document document) {
        return new StoredDocument(document, BsonDocumentType.encode(document, SIZE_HINT));
    }

    /** A document read from the file, decoded when first asked for. */
    static StoredDocument read(byte[] bson) {
        return new StoredDocument(null, bson);
    }

    byte[] bson() {
        return bson;
    }

    Document document() {
        Document decoded = document;
        if (decoded == null) {
            // Two threads may both decode it; each gets an equal document, and neither changes it.
            decoded = BsonDocumentType.decode(bson);
            document = decoded;
        }
        return decoded;
    }
}
