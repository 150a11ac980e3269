package io.palimpsest.operations;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Part of readiness: whether the node reaches its store, the event log's database and the read models' (the same
 * MongoDB when there is one). A ping that gets no answer within {@code palimpsest.operations.store-timeout} is DOWN.
 * The driver would wait for a server for 30 s; the ping is left to that on a thread of its own, and a probe that comes
 * while it still waits waits for the same ping rather than piling up another.
 */
@Component
class StoreHealthIndicator implements HealthIndicator, AutoCloseable {

    private static final Document PING = new Document("ping", 1);

    private final MongoDatabase eventLog;
    private final MongoDatabase readModels;
    private final Duration timeout;
    private final ExecutorService pings = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("store-ping-"));
    private CompletableFuture<Void> ping = CompletableFuture.completedFuture(null);

    StoreHealthIndicator(@Qualifier("eventLogDatabase") MongoDatabase eventLog, MongoDatabase readModels,
                         @Value("${palimpsest.operations.store-timeout:2s}") Duration timeout) {
        this.eventLog = eventLog;
        this.readModels = readModels;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        CompletableFuture<Void> answer = nextPing();
        try {
            answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up().build();
        } catch (TimeoutException e) {
            return Health.down().withDetail("reason", "the store did not answer within " + timeout).build();
        } catch (ExecutionException e) {
            return Health.down().withDetail("reason", "the store refused: " + e.getCause().getMessage()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }

    private synchronized CompletableFuture<Void> nextPing() {
        if (ping.isDone()) {
            ping = CompletableFuture.runAsync(() -> {
                eventLog.runCommand(PING);
                readModels.runCommand(PING);
            }, pings);
        }
        return ping;
    }

    @Override
    public void close() {
        pings.shutdownNow();
    }
}
