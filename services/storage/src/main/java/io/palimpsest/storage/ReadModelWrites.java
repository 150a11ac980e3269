package io.palimpsest.storage;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

/** Whole read-model documents written by {@code _id}, one bulk write per collection. */
public final class ReadModelWrites {

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private ReadModelWrites() {
    }

    /** Each document in the place of the one with its {@code _id}, or added. */
    public static void replaceAll(MongoCollection<Document> collection, List<Document> documents) {
        if (!documents.isEmpty()) {
            collection.bulkWrite(documents.stream().map(doc -> new ReplaceOneModel<>(Filters.eq("_id", doc.get("_id")),
                    doc, new ReplaceOptions().upsert(true))).toList(), UNORDERED);
        }
    }

    /**
     * Documents that are new but for a few: inserted, which mongo-java-server does without first looking each one up
     * as an upsert does, and those already there (a batch written again after a crash, say) replaced.
     */
    public static void insertOrReplace(MongoCollection<Document> collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            List<Document> existing = new ArrayList<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                existing.add(documents.get(error.getIndex()));
            }
            replaceAll(collection, existing);
        }
    }
}
