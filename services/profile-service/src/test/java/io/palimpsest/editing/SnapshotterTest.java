package io.palimpsest.editing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoDatabase;
import io.palimpsest.api.ServiceTest;
import org.axonframework.eventsourcing.Snapshotter;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/** Snapshots are made by the one snapshotter there is (ours, with its own thread), every N revisions. */
@TestPropertySource(properties = "palimpsest.snapshot-every=5")
class SnapshotterTest extends ServiceTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    @Qualifier("eventLogDatabase")
    MongoDatabase eventLog;

    @Test
    void theProfileSnapshotterIsTheOnlyOneAndSnapshotsEveryNRevisions() throws InterruptedException {
        assertThat(context.getBeansOfType(Snapshotter.class)).containsOnlyKeys("profileSnapshotter");

        String profile = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", profile, "name", "Acme")).status()).isEqualTo(201);
        for (int i = 0; i < 6; i++) {
            assertThat(alice().put("/api/profiles/" + profile + "/facts/F" + i, Map.of("value", "v" + i)).status())
                    .isEqualTo(200);
        }

        Document snapshot = null;
        for (int attempt = 0; attempt < 100 && snapshot == null; attempt++) {
            snapshot = eventLog.getCollection("snapshots").find(new Document("_id", profile)).first();
            Thread.sleep(50);
        }
        assertThat(snapshot).as("a snapshot of " + profile).isNotNull();
    }
}
