package io.palimpsest.storage;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/**
 * mongo-java-server's memory backend (the {@code memory} engine, for benchmarks) without per-write size
 * accounting, as {@link EmbeddedH2Backend} runs without it.
 */
final class EmbeddedMemoryBackend extends MemoryBackend {

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
                };
            }
        };
    }
}
