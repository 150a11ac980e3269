package io.palimpsest.operations;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The editors who announced their presence on a connection to this node, and are still there: the connection is
 * open and announced itself within the presence timeout, as the presence list has it. It watches the announcements
 * go in rather than asking the presence board, which is shared by every node and read per profile.
 */
@Component
class PresentEditors implements ChannelInterceptor, WebSocketMessageBrokerConfigurer {

    private record Announced(String editor, Instant at) {
    }

    private final Duration timeout;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Announced> bySession = new ConcurrentHashMap<>();

    PresentEditors(@Value("${palimpsest.live.presence-timeout:30s}") Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(this);
    }

    /** After the frame passed every check of the inbound channel: a refused announcement never gets here. */
    @Override
    public void postSend(Message<?> message, MessageChannel channel, boolean sent) {
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(message);
        String destination = stomp.getDestination();
        if (sent && stomp.getCommand() == StompCommand.SEND && stomp.getUser() != null && destination != null
                && destination.startsWith("/app/profiles/") && destination.endsWith("/presence")) {
            bySession.put(stomp.getSessionId(), new Announced(stomp.getUser().getName(), clock.instant()));
        }
    }

    @EventListener
    void on(SessionDisconnectEvent event) {
        bySession.remove(event.getSessionId());
    }

    /** Editors, not connections: two tabs of one editor are one. */
    long count() {
        Instant since = clock.instant().minus(timeout);
        return bySession.values().stream().filter(announced -> announced.at().isAfter(since))
                .map(Announced::editor).distinct().count();
    }
}
