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
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
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

import java.util.concurrent.ExecutorService;
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
     * would only evict the profile from the cache, and the next edit of it would re-read its snapshot and events. A
     * batch refused in a later change, after earlier ones applied events, does roll back (and so evicts).
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

    /**
     * The profile's lock. Axon's default waiter wakes every 10 ms to look for deadlocks (a command locks one
     * profile only, so there are none): with ten editors queued on a profile, that was a fifth of the command
     * path's CPU. It wakes every 100 ms; a command still gives up after a minute.
     */
    @Bean
    LockFactory profileLockFactory() {
        return PessimisticLockFactory.builder().lockAttemptTimeout(100).acquireAttempts(600).build();
    }

    /**
     * Axon's auto-configured snapshotter, but making snapshots on a thread of its own: by default it makes them in
     * the thread of the command that triggered one, after its commit but while it still holds the profile's lock.
     */
    @Bean
    SpringAggregateSnapshotter profileSnapshotter(org.axonframework.config.Configuration axon,
                                                  HandlerDefinition handlerDefinition,
                                                  ParameterResolverFactory parameterResolverFactory,
                                                  EventStore eventStore, TransactionManager transactionManager,
                                                  SnapshotterSpanFactory spanFactory,
                                                  ExecutorService profileSnapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(axon::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(profileSnapshotExecutor)
                .build();
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService profileSnapshotExecutor() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "profile-snapshots");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    SnapshotTriggerDefinition profileSnapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${palimpsest.snapshot-every:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
