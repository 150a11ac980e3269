package io.palimpsest.editing;

import io.palimpsest.model.ProfileCommand;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;

import javax.cache.CacheManager;
import javax.cache.Caching;
import java.net.URI;
import java.util.OptionalLong;
import java.util.UUID;

import java.util.concurrent.Executors;

/** The aggregate's infrastructure: how commands find their profile, its cache and its snapshots. */
@Configuration
class ProfileAggregateConfiguration {

    /** Every command names its profile, so routing needs no annotation on the shared-model records. */
    @Bean
    CommandTargetResolver profileCommandTargetResolver() {
        return message -> new VersionedAggregateIdentifier(((ProfileCommand) message.getPayload()).profileId(), null);
    }

    /**
     * Keeps the most recently edited profiles in memory (strongly, up to a bound), so an edit does not
     * re-read the event stream. A node that loses a race to another node evicts its stale copy.
     */
    @Bean
    Cache profileCache(CacheManager profileCacheManager, @Value("${palimpsest.cached-profiles:1000}") long size) {
        CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
        configuration.setMaximumSize(OptionalLong.of(size));
        configuration.setStoreByValue(false);
        return new JCacheAdapter(profileCacheManager.createCache("profiles", configuration));
    }

    /** A cache manager of this application context's own, closed with it. */
    @Bean(destroyMethod = "close")
    CacheManager profileCacheManager() {
        return Caching.getCachingProvider(CaffeineCachingProvider.class.getName())
                .getCacheManager(URI.create("palimpsest:" + UUID.randomUUID()), getClass().getClassLoader());
    }

    /**
     * The command bus Axon's auto-configuration would build, except that a refused edit of an existing profile does
     * not roll its unit of work back. Handlers decide before they apply, so a refusal has applied nothing; a rollback
     * would only evict the profile from the cache, and the next edit of it would re-read its snapshot and events.
     */
    @Bean
    SimpleCommandBus commandBus(TransactionManager transactionManager, org.axonframework.config.Configuration axon,
                                DuplicateCommandHandlerResolver duplicateCommandHandlerResolver) {
        SimpleCommandBus bus = SimpleCommandBus.builder()
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .rollbackConfiguration(failure -> failure instanceof ProfileRejection refused
                        ? refused.needsRollback() : RollbackConfigurationType.UNCHECKED_EXCEPTIONS.rollBackOn(failure))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return bus;
    }

    /**
     * Retries a command that lost a race with an edit saved by another node (a duplicate stream key):
     * the retry re-reads the profile and decides again, so the conflict rules still apply. A refusal is the
     * profile's answer, not a race: it is never retried.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(Executors.newSingleThreadScheduledExecutor())
                        .retryInterval(10)
                        .maxRetryCount(5)
                        .addNonTransientFailurePredicate(ProfileRejection.class, refused -> true)
                        .build())
                .build();
    }

    @Bean
    SnapshotTriggerDefinition profileSnapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${palimpsest.snapshot-every:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
