package io.palimpsest.live;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * Follows the shared event store from where it stood when this node started, so every change any node stores
 * reaches this node's subscribers; nodes never talk to each other. The position lives only in memory: a
 * restarted node has no subscribers from before, and a returning subscriber resumes from its own revision.
 */
@Component
class StoreFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StoreFollower.class);

    private final EventStore eventStore;
    private final ChangeSubscriptions subscriptions;
    private volatile Thread thread;

    StoreFollower(EventStore eventStore, ChangeSubscriptions subscriptions) {
        this.eventStore = eventStore;
        this.subscriptions = subscriptions;
    }

    @Override
    public void start() {
        TrackingToken head = eventStore.createHeadToken();
        thread = new Thread(() -> follow(head), "live-store-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow(TrackingToken from) {
        TrackingToken position = from;
        while (thread == Thread.currentThread()) {
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(position)) {
                while (thread == Thread.currentThread()) {
                    if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        TrackedEventMessage<?> message = stream.nextAvailable();
                        position = message.trackingToken();
                        if (ChangeFrame.isProfileChange(message)) {
                            subscriptions.publish(subscriptions.frame((DomainEventMessage<?>) message));
                        }
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Following the event store failed; reopening at the last position", e);
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
