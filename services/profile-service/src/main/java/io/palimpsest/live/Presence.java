package io.palimpsest.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palimpsest.model.live.PresenceList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.AbstractSubProtocolEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Who is editing which profile. Announcements go to the shared {@link PresenceBoard}; a node re-reads the board for
 * every profile its subscribers watch about once a second (so it sees other nodes' editors and silent connections
 * expire) and sends the list whenever it changed. One thread does all reading and sending, so a subscriber never
 * gets an older list after a newer one.
 */
@Component
class Presence implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);

    private final PresenceBoard board;
    private final SubscriberChannels channels;
    private final LiveProperties properties;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();
    /** Tells this node's connections apart from other nodes' in the shared board. */
    private final String node = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Set<String>> announcedBySession = new ConcurrentHashMap<>();
    private final Map<Subscriber, String> watched = new ConcurrentHashMap<>();
    /** Only touched on the presence thread. */
    private final Map<String, PresenceList> lastSent = new ConcurrentHashMap<>();
    private ScheduledExecutorService thread;

    Presence(PresenceBoard board, SubscriberChannels channels, LiveProperties properties,
             Jackson2ObjectMapperBuilder json) {
        this.board = board;
        this.channels = channels;
        this.properties = properties;
        this.json = json.build();
    }

    void announce(String profileId, String sessionId, String editor, String sectionId, String claimId) {
        board.announce(profileId, connection(sessionId), editor, sectionId, claimId, clock.instant());
        announcedBySession.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet()).add(profileId);
        onPresenceThread(() -> refresh(profileId));
    }

    @EventListener
    void on(SessionSubscribeEvent event) {
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(event.getMessage());
        LiveDestination.parse(stomp.getDestination())
                .filter(destination -> destination.kind() == LiveDestination.Kind.PRESENCE_LIST)
                .ifPresent(destination -> {
                    Subscriber subscriber = subscriber(event);
                    watched.put(subscriber, destination.profileId());
                    onPresenceThread(() -> {
                        if (!refresh(destination.profileId())) {
                            send(subscriber, lastSent.get(destination.profileId()));
                        }
                    });
                });
    }

    @EventListener
    void on(SessionUnsubscribeEvent event) {
        watched.remove(subscriber(event));
    }

    @EventListener
    void on(SessionDisconnectEvent event) {
        watched.keySet().removeIf(subscriber -> subscriber.sessionId().equals(event.getSessionId()));
        Set<String> announced = announcedBySession.remove(event.getSessionId());
        if (announced != null) {
            announced.forEach(profileId -> board.leave(profileId, connection(event.getSessionId())));
            onPresenceThread(() -> announced.forEach(this::refresh));
        }
    }

    /** Re-reads a profile's presence and sends it to its watchers here if it changed; says whether it did. */
    private boolean refresh(String profileId) {
        PresenceList current = board.list(profileId, clock.instant(), properties.presenceTimeout());
        if (current.equals(lastSent.get(profileId))) {
            return false;
        }
        lastSent.put(profileId, current);
        watched.forEach((subscriber, watchedProfile) -> {
            if (watchedProfile.equals(profileId)) {
                send(subscriber, current);
            }
        });
        return true;
    }

    private void refreshWatched() {
        Set<String> profiles = Set.copyOf(watched.values());
        lastSent.keySet().retainAll(profiles);
        profiles.forEach(this::refresh);
    }

    private void send(Subscriber subscriber, PresenceList list) {
        try {
            channels.send(subscriber, LiveDestination.presenceList(list.profileId()), json.writeValueAsBytes(list));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write presence " + list, e);
        }
    }

    private void onPresenceThread(Runnable task) {
        thread.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("Presence update failed", e);
            }
        });
    }

    private String connection(String sessionId) {
        return node + "-" + sessionId;
    }

    private static Subscriber subscriber(AbstractSubProtocolEvent event) {
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(event.getMessage());
        return new Subscriber(stomp.getSessionId(), stomp.getSubscriptionId());
    }

    @Override
    public void start() {
        thread = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("live-presence-"));
        long poll = properties.presencePoll().toMillis();
        thread.scheduleWithFixedDelay(() -> onPresenceThread(this::refreshWatched), poll, poll, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        thread.shutdownNow();
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
