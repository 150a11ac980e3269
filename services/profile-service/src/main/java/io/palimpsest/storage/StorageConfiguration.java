package io.palimpsest.storage;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The storage layer: an embedded mongo-java-server unless {@code palimpsest.storage.mongodb-uri} names a real
 * MongoDB, and on it Axon's event storage engine and token store. Axon's auto-configuration builds its
 * EmbeddedEventStore on the {@link EventStorageEngine} bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
public class StorageConfiguration {

    @Bean(destroyMethod = "close")
    @Conditional(NoMongoDbUri.class)
    public EmbeddedMongoServer embeddedMongoServer(StorageProperties properties) {
        return switch (properties.engine()) {
            case H2 -> EmbeddedMongoServer.h2(properties.dataDir(), properties.autoCompactFillRate(),
                                              properties.startupCompactTime());
            case MEMORY -> EmbeddedMongoServer.memory();
        };
    }

    @Bean(destroyMethod = "close")
    public MongoClient mongoClient(StorageProperties properties, ObjectProvider<EmbeddedMongoServer> embedded) {
        return MongoClients.create(properties.embedded()
                                           ? embedded.getObject().connectionString()
                                           : properties.mongodbUri());
    }

    @Bean
    public MongoDatabase mongoDatabase(MongoClient client, StorageProperties properties) {
        return client.getDatabase(properties.database());
    }

    @Bean
    public Durability durability(ObjectProvider<EmbeddedMongoServer> embedded) {
        EmbeddedMongoServer server = embedded.getIfAvailable();
        return server == null ? Durability.NONE : server.durability();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(MongoDatabase database,
                                                 StorageProperties properties,
                                                 Durability durability,
                                                 Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration axonConfiguration) {
        return MongoEventStorageEngine.builder()
                                      .database(database)
                                      // On a real MongoDB the write concern makes an acknowledged commit durable.
                                      .writeConcern(properties.embedded()
                                                            ? WriteConcern.ACKNOWLEDGED
                                                            : WriteConcern.MAJORITY.withJournal(true))
                                      .durability(durability)
                                      .eventSerializer(eventSerializer)
                                      .snapshotSerializer(serializer)
                                      .upcasterChain(axonConfiguration.upcasterChain())
                                      .snapshotFilter(axonConfiguration.snapshotFilter())
                                      .gapTimeout(properties.gapTimeout())
                                      .trackingBatchSize(properties.trackingBatchSize())
                                      .streamWindow(properties.streamWindow())
                                      .build();
    }

    @Bean
    public TokenStore tokenStore(MongoDatabase database, Serializer serializer, StorageProperties properties) {
        return new MongoTokenStore(database, serializer, properties.claimTimeout());
    }

    /** Embedded store only when no MongoDB URI is configured; the property may be present but empty. */
    static final class NoMongoDbUri implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String uri = context.getEnvironment().getProperty("palimpsest.storage.mongodb-uri");
            return uri == null || uri.isBlank();
        }
    }
}
