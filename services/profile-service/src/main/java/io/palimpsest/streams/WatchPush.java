package io.palimpsest.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palimpsest.editing.ProfileReading;
import io.palimpsest.editors.EditorNames;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.messaging.AbstractSubProtocolEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pushes each new change to the signed-in users whose watchlist it matches, on their STOMP queue
 * {@value #DESTINATION}, while they are subscribed to it on this node: one reader of the log per node, started by the
 * first subscriber, matching each change against the watchlists of the users subscribed here (each read again at most
 * every {@code REREAD}, so a watch made on another node counts within that time). What arrived while a user was not
 * connected is in their feed ({@code GET /api/me/changes}).
 */
@Component
public class WatchPush implements AutoCloseable {

    public static final String DESTINATION = "/user/queue/changes";
    private static final String USER_QUEUE = "/queue/changes";
    private static final Duration REREAD = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(WatchPush.class);

    private record Subscription(String sessionId, String subscriptionId) {
    }

    private record Cached(Watchlist list, Instant readAt) {
    }

    private final Map<Subscription, String> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Cached> lists = new ConcurrentHashMap<>();
    private final Watchlists watchlists;
    private final EventStore eventStore;
    private final EditorNames editors;
    private final ChangeStreams streams;
    private final ProfileReading reading;
    private final SimpMessagingTemplate messaging;
    private final ObjectMapper json;
    private Thread reader;
    private volatile boolean running = true;

    WatchPush(Watchlists watchlists, EventStore eventStore, EditorNames editors, ChangeStreams streams,
              ProfileReading reading, SimpMessagingTemplate messaging, ObjectMapper json) {
        this.watchlists = watchlists;
        this.eventStore = eventStore;
        this.editors = editors;
        this.streams = streams;
        this.reading = reading;
        this.messaging = messaging;
        this.json = json;
    }

    @EventListener
    void on(SessionSubscribeEvent event) {
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(event.getMessage());
        if (DESTINATION.equals(stomp.getDestination()) && event.getUser() != null) {
            subscribers.put(subscription(event), event.getUser().getName());
            lists.remove(event.getUser().getName());
            startReading();
        }
    }

    @EventListener
    void on(SessionUnsubscribeEvent event) {
        subscribers.remove(subscription(event));
    }

    @EventListener
    void on(SessionDisconnectEvent event) {
        subscribers.keySet().removeIf(subscription -> subscription.sessionId().equals(event.getSessionId()));
    }

    private synchronized void startReading() {
        if (reader == null) {
            StoredChanges changes = new StoredChanges(eventStore, editors, streams.head());
            reader = new Thread(() -> read(changes), "watch-push");
            reader.setDaemon(true);
            reader.start();
        }
    }

    private void read(StoredChanges changes) {
        try (changes) {
            while (running) {
                Optional<Change> next = changes.next(Duration.ofSeconds(1));
                if (next.isPresent() && !subscribers.isEmpty()) {
                    push(next.get());
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private void push(Change change) {
        ClaimPlaces places = new ClaimPlaces(reading);
        for (String user : new HashSet<>(subscribers.values())) {
            try {
                List<String> matched = watchlist(user).matching(change, places);
                if (!matched.isEmpty()) {
                    messaging.convertAndSendToUser(user, USER_QUEUE,
                            json.writeValueAsBytes(new WatchedChanges.WatchedChange(change, matched)),
                            Map.of("content-type", MimeTypeUtils.APPLICATION_JSON_VALUE));
                }
            } catch (JsonProcessingException | RuntimeException e) {
                // One user's push failing (their profile unreadable now, a closing session) stops nobody else's.
                log.warn("Could not push change {} to {}'s watched changes", change.position(), user, e);
            }
        }
    }

    private Watchlist watchlist(String user) {
        Instant now = Instant.now();
        Cached cached = lists.get(user);
        if (cached == null || cached.readAt().plus(REREAD).isBefore(now)) {
            cached = new Cached(watchlists.of(user, streams.head()), now);
            lists.put(user, cached);
        }
        return cached.list();
    }

    private static Subscription subscription(AbstractSubProtocolEvent event) {
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(event.getMessage());
        return new Subscription(stomp.getSessionId(), stomp.getSubscriptionId());
    }

    @Override
    public void close() {
        running = false;
        if (reader != null) {
            reader.interrupt();
        }
    }
}
