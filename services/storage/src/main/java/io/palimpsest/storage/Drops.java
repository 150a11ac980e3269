package io.palimpsest.storage;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

/**
 * Drops collections that exist, and only those. MongoDB and the driver take the drop of a missing collection as
 * done, but mongo-java-server logs each one as an error with its stack trace: a rebuild of new read models (as at
 * the first start after a layout change) filled the log with them.
 */
public final class Drops {

    private Drops() {
    }

    public static void dropPresent(MongoDatabase database, List<? extends MongoCollection<?>> collections) {
        Set<String> present = database.listCollectionNames().into(new HashSet<>());
        collections.stream().filter(collection -> present.contains(collection.getNamespace().getCollectionName()))
                .forEach(MongoCollection::drop);
    }
}
