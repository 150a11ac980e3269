package io.palimpsest.editing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.palimpsest.api.ServiceTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The current-profile read model stores its view with every batch and its sheet only every
 * {@value CurrentProfiles#SHEET_EVERY} events; picking a profile up again folds what the stored sheet lacks from
 * the event store, so it always continues from exactly the stored view.
 */
class CurrentProfilesTest extends ServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CurrentProfiles profiles;

    @Autowired
    MongoDatabase database;

    @Test
    void aProfilePickedUpAgainContinuesFromItsStoredViewWhateverSheetIsStored() throws Exception {
        String id = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", id, "name", "Acme")).status()).isEqualTo(201);
        int edits = CurrentProfiles.SHEET_EVERY + 12;
        for (int i = 0; i < edits; i++) {
            assertThat(bob().put("/api/profiles/" + id + "/facts/F" + i % 7, Map.of("value", "v" + i)).status())
                    .isEqualTo(200);
        }
        JsonNode current = alice().get("/api/profiles/" + id + "?minRevision=" + (edits + 1)).json();
        MongoCollection<Document> collection = database.getCollection("profiles");
        Document stored = collection.find(new Document("_id", id)).first();
        assertThat(stored.getLong("lastSequence")).isEqualTo(edits);
        assertThat(stored.getLong("sheetSequence")).isBetween((long) CurrentProfiles.SHEET_EVERY - 1, (long) edits);

        assertThat(viewOf(profiles.load(id).orElseThrow())).isEqualTo(current);

        collection.updateOne(new Document("_id", id), new Document("$unset", new Document("sheet", "")
                .append("sheetSequence", "")));
        CurrentProfiles.Folded refolded = profiles.load(id).orElseThrow();
        assertThat(refolded.lastSequence()).isEqualTo(edits);
        assertThat(viewOf(refolded)).isEqualTo(current);
    }

    private static JsonNode viewOf(CurrentProfiles.Folded folded) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(folded.sheet().toView()));
    }
}
