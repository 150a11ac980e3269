package io.palimpsest.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.palimpsest.storage.spring.StorageConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.AxonTracingAutoConfiguration;
import org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration;
import org.axonframework.springboot.autoconfig.InfraConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The service's wiring of the storage module ({@link StorageConfiguration}). In the module's package rather than the
 * wiring's, so that it can check which {@link Durability} the wiring chose ({@link GroupCommitDurability} is the
 * module's own, not public); the module's tests are in services/storage.
 */
class StorageConfigurationTest {

    @TempDir
    Path dataDir;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(StorageConfiguration.class)
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                                                     ObjectMapperAutoConfiguration.class,
                                                     AxonAutoConfiguration.class,
                                                     AxonTracingAutoConfiguration.class,
                                                     EventProcessingAutoConfiguration.class,
                                                     InfraConfiguration.class,
                                                     NoOpTransactionAutoConfiguration.class))
            .withPropertyValues("axon.axonserver.enabled=false",
                                "axon.serializer.general=jackson",
                                "axon.serializer.events=jackson",
                                "axon.serializer.messages=jackson",
                                "palimpsest.storage.mongodb-uri=");

    @Test
    void axonBuildsItsEmbeddedEventStoreOnOurEngineAndUsesOurTokenStore() {
        context.withPropertyValues("palimpsest.storage.engine=memory").run(app -> {
            assertThat(app.getBean(EventStorageEngine.class)).isInstanceOf(MongoEventStorageEngine.class);
            assertThat(app.getBean(EventStore.class)).isInstanceOf(EmbeddedEventStore.class);
            assertThat(app.getBean(TokenStore.class)).isInstanceOf(MongoTokenStore.class);
            assertThat(app.getBean(Durability.class)).isSameAs(Durability.NONE);
            assertThat(app.getBean(MongoDatabase.class).getName()).isEqualTo("palimpsest");
        });
    }

    @Test
    void keepsEventsInTheDataDirectoryAcrossRestarts() {
        var persistent = context.withPropertyValues("palimpsest.storage.data-dir=" + dataDir);
        persistent.run(app -> app.getBean(EventStore.class).publish(
                new GenericDomainEventMessage<>("Note", "a", 0, new Noted("kept"))));

        persistent.run(app -> {
            assertThat(app.getBean(Durability.class)).isInstanceOf(GroupCommitDurability.class);
            assertThat(app.getBean(EventStore.class).readEvents("a").asStream().map(e -> (Object) e.getPayload()))
                    .containsExactly(new Noted("kept"));
        });
        assertThat(dataDir.resolve(EmbeddedMongoServer.EVENT_LOG_FILE)).exists();
    }

    @Test
    void theReadModelsAndTheirTokensLiveInAStoreFileOfTheirOwn() {
        context.withPropertyValues("palimpsest.storage.data-dir=" + dataDir).run(app -> {
            MongoDatabase readModels = app.getBean(MongoDatabase.class);
            MongoDatabase eventLog = app.getBean("eventLogDatabase", MongoDatabase.class);
            app.getBean(TokenStore.class).initializeTokenSegments("a-read-model", 1);
            app.getBean(EventStore.class).publish(new GenericDomainEventMessage<>("Note", "a", 0, new Noted("x")));

            assertThat(readModels.listCollectionNames()).contains("tokens").doesNotContain("events", "counters");
            assertThat(eventLog.listCollectionNames()).contains("events").doesNotContain("tokens");
        });
        assertThat(dataDir.resolve(EmbeddedMongoServer.READ_MODEL_FILE)).exists();
    }

    @Test
    void readModelsAnEarlierVersionKeptInTheEventLogsFileAreDroppedFromItAndTheEventsAndEditorKeysKept() {
        var persistent = context.withPropertyValues("palimpsest.storage.data-dir=" + dataDir);
        persistent.run(app -> app.getBean(EventStore.class).publish(
                new GenericDomainEventMessage<>("Note", "a", 0, new Noted("kept"))));
        try (EmbeddedMongoServer earlier = EmbeddedMongoServer.h2(dataDir, EmbeddedMongoServer.EVENT_LOG_FILE, 90,
                Duration.ZERO, true);
             MongoClient client = MongoClients.create(earlier.connectionString())) {
            client.getDatabase("palimpsest").getCollection("profiles").insertOne(new Document("_id", "a"));
            client.getDatabase("palimpsest").getCollection(StorageConfiguration.EDITOR_KEYS)
                    .insertOne(new Document("_id", "editor-a"));
        }

        persistent.run(app -> {
            MongoDatabase eventLog = app.getBean("eventLogDatabase", MongoDatabase.class);
            assertThat(eventLog.listCollectionNames()).doesNotContain("profiles").contains(StorageConfiguration.EDITOR_KEYS);
            assertThat(app.getBean(EventStore.class).readEvents("a").asStream().map(e -> (Object) e.getPayload()))
                    .containsExactly(new Noted("kept"));
        });
    }
}
