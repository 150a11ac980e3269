package io.palimpsest.storage;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

/**
 * mongo-java-server's memory backend (the {@code memory} engine, for benchmarks) without per-write size
 * accounting, as {@link EmbeddedH2Backend} runs without it.
 * <p>
 * It keeps documents by reference and updates them in place; {@code findAndModify} answered the stored document
 * itself, encoded after the collection's lock was released, so the next update could change the answer (two
 * {@code $inc}s of the position counter answered the same value). It answers a copy. Other queries still answer the
 * stored documents, which an update may change while they are encoded: acceptable for a benchmark engine only.
 */
final class EmbeddedMemoryBackend extends MemoryBackend {

    private static final String VALUE = "value";

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
            @Override
            protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                return new MemoryCollection(this, collectionName, options, getCursorRegistry()) {
                    @Override
                    protected boolean tracksDataSize() {
                        return false;
                    }

                    @Override
                    public synchronized Document findAndModify(Document query) {
                        Document answer = super.findAndModify(query);
                        if (answer.get(VALUE) instanceof Document value) {
                            answer.put(VALUE, value.cloneDeeply());
                        }
                        return answer;
                    }
                };
            }
        };
    }
}
