package io.palimpsest.storage.spring;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.palimpsest.storage.Durability;
import io.palimpsest.storage.EmbeddedMongoServer;
import io.palimpsest.storage.MongoEventStorageEngine;
import io.palimpsest.storage.MongoTokenStore;
import io.palimpsest.storage.ReadModelLookups;
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
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.List;

/**
 * The service's wiring of the storage module ({@code io.palimpsest.storage}, services/storage): an embedded
 * mongo-java-server unless {@code palimpsest.storage.mongodb-uri} names a real MongoDB, and on it Axon's event
 * storage engine and token store. Embedded, the event log and the read models are two servers on two store files.
 * Axon's auto-configuration builds its EmbeddedEventStore on the {@link EventStorageEngine} bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
public class StorageConfiguration {

    /** The editors' keys (package editors), kept in the event log's database: they are needed to read it. */
    public static final String EDITOR_KEYS = "editor_keys";
    /** The collections of the event log's database besides the storage engine's, in its backups too. */
    public static final List<String> BESIDE_THE_LOG = List.of(EDITOR_KEYS);

    @Bean(destroyMethod = "close")
    @Conditional(NoMongoDbUri.class)
    public EmbeddedMongoServer eventLogStore(StorageProperties properties) {
        return embedded(properties, EmbeddedMongoServer.EVENT_LOG_FILE, true);
    }

    @Bean(destroyMethod = "close")
    @Conditional(NoMongoDbUri.class)
    public EmbeddedMongoServer readModelStore(StorageProperties properties) {
        return embedded(properties, EmbeddedMongoServer.READ_MODEL_FILE, false);
    }

    /** {@code writeAheadLog}: only the event log's writes are awaited as durable; the read models are rebuilt. */
    private static EmbeddedMongoServer embedded(StorageProperties properties, String fileName,
                                                boolean writeAheadLog) {
        return switch (properties.engine()) {
            case H2 -> EmbeddedMongoServer.h2(properties.dataDir(), fileName, properties.autoCompactFillRate(),
                                              properties.startupCompactTime(), writeAheadLog);
            case MEMORY -> EmbeddedMongoServer.memory();
        };
    }

    @Bean(destroyMethod = "close")
    public MongoClient eventLogClient(StorageProperties properties,
                                      @Qualifier("eventLogStore") ObjectProvider<EmbeddedMongoServer> embedded) {
        return client(properties, embedded);
    }

    @Bean(destroyMethod = "close")
    public MongoClient readModelClient(StorageProperties properties,
                                       @Qualifier("readModelStore") ObjectProvider<EmbeddedMongoServer> embedded) {
        return client(properties, embedded);
    }

    private static MongoClient client(StorageProperties properties, ObjectProvider<EmbeddedMongoServer> embedded) {
        return MongoClients.create(properties.embedded()
                                           ? embedded.getObject().connectionString()
                                           : properties.mongodbUri());
    }

    /**
     * The events, the counter of positions, the aggregates' snapshots and the editors' keys. Embedded, this database has a file of its
     * own; versions before kept the read models in it too, and what is left of them there is dropped (the read
     * models are rebuilt in their own file, see {@code HistoryLayout}).
     */
    @Bean
    public MongoDatabase eventLogDatabase(@Qualifier("eventLogClient") MongoClient client,
                                          StorageProperties properties) {
        MongoDatabase database = client.getDatabase(properties.database());
        if (properties.embedded()) {
            for (String collection : database.listCollectionNames()) {
                if (!MongoEventStorageEngine.COLLECTIONS.contains(collection) && !BESIDE_THE_LOG.contains(collection)
                        && !collection.startsWith("system.")) {
                    database.getCollection(collection).drop();
                }
            }
        }
        return database;
    }

    /**
     * The read models and the tokens of the processors that build them; the database every other component gets.
     * On a real MongoDB it is the event log's database; embedded, a store file of its own, so the read models'
     * churn (every edit rewrites their documents, a rebuild rewrites them all) is neither compacted nor committed
     * with the log: an edit's group commit writes the log's pages only, and a compaction that goes wrong in the
     * read models' file costs a rebuild, not events.
     */
    @Bean
    @Primary
    public MongoDatabase readModelDatabase(@Qualifier("readModelClient") MongoClient client,
                                           StorageProperties properties) {
        return client.getDatabase(properties.database());
    }

    @Bean
    public ReadModelLookups readModelLookups(
            StorageProperties properties, @Qualifier("readModelStore") ObjectProvider<EmbeddedMongoServer> embedded) {
        return new ReadModelLookups(properties.database(), embedded.getIfAvailable());
    }

    @Bean
    public Durability durability(@Qualifier("eventLogStore") ObjectProvider<EmbeddedMongoServer> embedded) {
        EmbeddedMongoServer server = embedded.getIfAvailable();
        return server == null ? Durability.NONE : server.durability();
    }

    @Bean
    public MongoEventStorageEngine eventStorageEngine(@Qualifier("eventLogDatabase") MongoDatabase database,
                                                 StorageProperties properties,
                                                 Durability durability,
                                                 Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration axonConfiguration,
                                                 @Qualifier("eventLogStore") ObjectProvider<EmbeddedMongoServer> embedded) {
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
                                      .embeddedStore(embedded.getIfAvailable(), properties.database())
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
