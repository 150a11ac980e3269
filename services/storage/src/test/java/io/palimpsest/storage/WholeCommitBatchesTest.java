package io.palimpsest.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.palimpsest.storage.WholeCommitBatches.Linger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tracking processor over {@link WholeCommitBatches} never ends a batch inside a commit, and a batch that has caught
 * up lingers for the commits that follow shortly.
 */
class WholeCommitBatchesTest {

    private static final int WRITERS = 4;
    private static final int COMMITS_PER_WRITER = 150;
    private static final int EVENTS_PER_COMMIT = 3;
    private static final int BATCH_SIZE = 4;

    private EmbeddedMongoServer server;
    private MongoClient client;
    private MongoEventStorageEngine engine;
    private EmbeddedEventStore eventStore;
    private final List<List<EventMessage<?>>> batches = new CopyOnWriteArrayList<>();
    private int appended;

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.memory();
        client = MongoClients.create(server.connectionString());
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        engine = MongoEventStorageEngine.builder()
                .database(client.getDatabase("events"))
                .durability(server.durability())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .gapTimeout(Duration.ofSeconds(10))
                .embeddedStore(server, "events")
                .build();
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
    }

    @AfterEach
    void stop() {
        eventStore.shutDown();
        client.close();
        server.close();
    }

    @Test
    void everyBatchHoldsWholeCommitsWhileWritersAppendAndCommitsStraddleTheBatchSize() throws Exception {
        TrackingEventProcessor processor = processor(new WholeCommitBatches(eventStore, engine::endsItsCommit,
                                                                            BATCH_SIZE, Linger.NONE));
        processor.start();
        appendConcurrently();
        awaitEvents(WRITERS * COMMITS_PER_WRITER * EVENTS_PER_COMMIT);
        processor.shutDown();

        for (List<EventMessage<?>> batch : batches) {
            Map<String, Long> eventsPerCommit = batch.stream().collect(Collectors.groupingBy(
                    WholeCommitBatchesTest::commitOf, Collectors.counting()));
            assertThat(eventsPerCommit.values()).as("commits in a batch of %d", batch.size())
                    .allMatch(count -> count == EVENTS_PER_COMMIT);
            assertThat(batch.size()).as("the batch size is kept, up to the end of the commit that reaches it")
                    .isLessThan(BATCH_SIZE + EVENTS_PER_COMMIT);
        }
        assertThat(batches.stream().mapToInt(List::size).sum()).as("every event once")
                .isEqualTo(WRITERS * COMMITS_PER_WRITER * EVENTS_PER_COMMIT);
    }

    @Test
    void aCaughtUpBatchLingersForTheCommitsOfTheNextMomentsAndEndsWhenTheLingerIsOver() throws Exception {
        TrackingEventProcessor processor = processor(new WholeCommitBatches(eventStore, engine::endsItsCommit,
                                                                            1_000, new Linger(Duration.ofMillis(400), () -> false)));
        processor.start();
        appendOneCommitEvery(Duration.ofMillis(20), 5);
        awaitEvents(5 * EVENTS_PER_COMMIT);
        Thread.sleep(600);
        appendOneCommitEvery(Duration.ofMillis(20), 1);
        awaitEvents(6 * EVENTS_PER_COMMIT);
        processor.shutDown();

        assertThat(batches).extracting(List::size).as("five commits 20 ms apart in one batch, the late one alone")
                .containsExactly(5 * EVENTS_PER_COMMIT, EVENTS_PER_COMMIT);
    }

    @Test
    void aReaderWaitingForTheReadModelsCutsTheLingerShort() throws Exception {
        AtomicBoolean readerWaits = new AtomicBoolean();
        TrackingEventProcessor processor = processor(new WholeCommitBatches(eventStore, engine::endsItsCommit,
                1_000, new Linger(Duration.ofMinutes(10), readerWaits::get)));
        processor.start();
        appendOneCommitEvery(Duration.ZERO, 1);
        readerWaits.set(true);
        awaitEvents(EVENTS_PER_COMMIT);
        processor.shutDown();

        assertThat(batches).as("the batch ended long before its ten minutes").extracting(List::size)
                .containsExactly(EVENTS_PER_COMMIT);
    }

    @Test
    void withoutALingerEachCommitOfATrickleIsABatch() throws Exception {
        TrackingEventProcessor processor = processor(new WholeCommitBatches(eventStore, engine::endsItsCommit,
                                                                            1_000, Linger.NONE));
        processor.start();
        appendOneCommitEvery(Duration.ofMillis(100), 3);
        awaitEvents(3 * EVENTS_PER_COMMIT);
        processor.shutDown();

        assertThat(batches).extracting(List::size).containsExactly(EVENTS_PER_COMMIT, EVENTS_PER_COMMIT,
                                                                    EVENTS_PER_COMMIT);
    }

    @Test
    void withoutItAxonsBatchesEndInsideCommitsAtTheBatchSize() throws Exception {
        appendConcurrently();
        TrackingEventProcessor processor = processor(eventStore);
        processor.start();
        awaitEvents(WRITERS * COMMITS_PER_WRITER * EVENTS_PER_COMMIT);
        processor.shutDown();

        assertThat(batches).as("what this class is for: a batch ending in a commit's middle")
                .anyMatch(batch -> batch.size() % EVENTS_PER_COMMIT != 0);
    }

    private TrackingEventProcessor processor(StreamableMessageSource<TrackedEventMessage<?>> source) {
        Map<Object, List<EventMessage<?>>> open = new ConcurrentHashMap<>();
        SimpleEventHandlerInvoker invoker = SimpleEventHandlerInvoker.builder()
                .eventHandlers((EventMessageHandler) event -> {
                    var unitOfWork = CurrentUnitOfWork.get().root();
                    open.computeIfAbsent(unitOfWork, batch -> {
                        List<EventMessage<?>> events = new ArrayList<>();
                        unitOfWork.onPrepareCommit(done -> batches.add(open.remove(unitOfWork)));
                        return events;
                    }).add(event);
                    return null;
                })
                .build();
        boolean wholeCommits = source instanceof WholeCommitBatches;
        return TrackingEventProcessor.builder()
                .name("batches")
                .eventHandlerInvoker(invoker)
                .messageSource(source)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andBatchSize(wholeCommits ? Integer.MAX_VALUE / 10 : BATCH_SIZE))
                .build();
    }

    private void appendConcurrently() throws InterruptedException {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int writer = 0; writer < WRITERS; writer++) {
            String aggregate = "aggregate-" + writer;
            writers.submit(() -> {
                for (int commit = 0; commit < COMMITS_PER_WRITER; commit++) {
                    long first = (long) commit * EVENTS_PER_COMMIT;
                    eventStore.publish(IntStream.range(0, EVENTS_PER_COMMIT).mapToObj(i -> new GenericDomainEventMessage<>(
                            "Note", aggregate, first + i, new Noted(aggregate + "/" + (first + i)))).toList());
                }
            });
        }
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    private void appendOneCommitEvery(Duration pause, int commits) throws InterruptedException {
        for (int commit = 0; commit < commits; commit++) {
            long first = (long) appended * EVENTS_PER_COMMIT;
            appended++;
            eventStore.publish(IntStream.range(0, EVENTS_PER_COMMIT).mapToObj(i -> new GenericDomainEventMessage<>(
                    "Note", "trickle", first + i, new Noted("trickle/" + (first + i)))).toList());
            Thread.sleep(pause.toMillis());
        }
    }

    private void awaitEvents(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (batches.stream().mapToInt(List::size).sum() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static String commitOf(EventMessage<?> event) {
        DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) event;
        return domainEvent.getAggregateIdentifier() + "#" + domainEvent.getSequenceNumber() / EVENTS_PER_COMMIT;
    }
}
