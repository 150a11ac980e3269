package io.palimpsest.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.palimpsest.editors.EditorNames;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.AbstractSubProtocolEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * This node's subscribers of profile changes. {@link StoreFollower} hands it every change stored by any node;
 * a subscription with {@code since-revision} is first caught up from the profile's stream, off the connection's
 * thread. The subscription is registered before its stream is read, so any change stored after the read
 * began is also offered live: the overlap is dropped by sequence, nothing falls between.
 */
@Component
class ChangeSubscriptions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeSubscriptions.class);

    private final EventStore eventStore;
    private final SubscriberChannels channels;
    private final ObjectMapper json;
    private final Map<String, List<ChangeSubscription>> byProfile = new ConcurrentHashMap<>();
    private final Map<Subscriber, String> profiles = new ConcurrentHashMap<>();
    private final ExecutorService catchUps = Executors.newFixedThreadPool(2, new CustomizableThreadFactory("live-catch-up-"));
    private final List<PushListener> pushListeners;
    private final EditorNames editors;

    ChangeSubscriptions(EventStore eventStore, EditorNames editors, SubscriberChannels channels,
                        Jackson2ObjectMapperBuilder json, ObjectProvider<PushListener> pushListeners) {
        this.eventStore = eventStore;
        this.editors = editors;
        this.channels = channels;
        this.json = json.build();
        this.pushListeners = pushListeners.orderedStream().toList();
    }

    /** Serializes a stored change, once for all subscribers. */
    ChangeFrame frame(DomainEventMessage<?> message) {
        return ChangeFrame.of(message, editors, json);
    }

    void publish(ChangeFrame change) {
        List<ChangeSubscription> subscriptions = byProfile.getOrDefault(change.profileId(), List.of());
        for (ChangeSubscription subscription : subscriptions) {
            subscription.offer(change);
        }
        pushListeners.forEach(listener -> listener.pushed(change.storedAt(), subscriptions.size()));
    }

    @EventListener
    void on(SessionSubscribeEvent event) {
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(event.getMessage());
        LiveDestination.parse(stomp.getDestination())
                .filter(destination -> destination.kind() == LiveDestination.Kind.CHANGES)
                .ifPresent(destination -> subscribe(subscriber(event), destination.profileId(),
                        LiveAccess.sinceRevision(stomp)));
    }

    @EventListener
    void on(SessionUnsubscribeEvent event) {
        unsubscribe(subscriber(event));
    }

    @EventListener
    void on(SessionDisconnectEvent event) {
        profiles.keySet().stream().filter(s -> s.sessionId().equals(event.getSessionId())).toList()
                .forEach(this::unsubscribe);
    }

    private void subscribe(Subscriber subscriber, String profileId, Long sinceRevision) {
        ChangeSubscription subscription = new ChangeSubscription(subscriber, profileId, sinceRevision, channels);
        profiles.put(subscriber, profileId);
        byProfile.computeIfAbsent(profileId, id -> new CopyOnWriteArrayList<>()).add(subscription);
        if (sinceRevision != null) {
            catchUps.execute(() -> catchUp(subscription, profileId));
        }
    }

    private void unsubscribe(Subscriber subscriber) {
        String profileId = profiles.remove(subscriber);
        if (profileId != null) {
            byProfile.computeIfPresent(profileId, (id, subscriptions) -> {
                subscriptions.removeIf(s -> s.subscriber().equals(subscriber));
                return subscriptions.isEmpty() ? null : subscriptions;
            });
        }
    }

    /** Reads the profile's whole stream (not from a snapshot) once; the subscription filters it. */
    private void catchUp(ChangeSubscription subscription, String profileId) {
        try {
            subscription.catchUp(eventStore.readEvents(profileId, 0).asStream()
                    .filter(ChangeFrame::isProfileChange).map(message -> frame((DomainEventMessage<?>) message))
                    .toList());
        } catch (RuntimeException e) {
            log.warn("Cannot read profile {} to catch up a subscriber", profileId, e);
            unsubscribe(subscription.subscriber());
            channels.refuse(subscription.subscriber(), "Cannot catch up now; SUBSCRIBE again with since-revision");
        }
    }

    private static Subscriber subscriber(AbstractSubProtocolEvent event) {
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(event.getMessage());
        return new Subscriber(stomp.getSessionId(), stomp.getSubscriptionId());
    }

    @Override
    public void close() {
        catchUps.shutdownNow();
    }
}
