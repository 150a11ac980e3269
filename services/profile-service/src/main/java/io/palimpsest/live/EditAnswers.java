package io.palimpsest.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palimpsest.model.live.EditAnswer;
import org.springframework.context.event.EventListener;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends the answer to a STOMP edit to the connection that sent it, on its subscription to {@code /user/queue/edits}
 * (not to the editor's other connections), then the frame's RECEIPT if it asked for one, in that order. A connection
 * that has not subscribed gets only the receipt.
 */
@Component
class EditAnswers {

    private final SubscriberChannels channels;
    private final ObjectMapper json;
    /** Each connection's subscription id for its answers. */
    private final Map<String, String> subscriptions = new ConcurrentHashMap<>();

    EditAnswers(SubscriberChannels channels, Jackson2ObjectMapperBuilder json) {
        this.channels = channels;
        this.json = json.build();
    }

    void send(String sessionId, EditAnswer answer) {
        String subscription = subscriptions.get(sessionId);
        if (subscription != null) {
            try {
                channels.send(new Subscriber(sessionId, subscription), LiveDestination.EDIT_ANSWERS,
                        json.writeValueAsBytes(answer));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write an edit's answer", e);
            }
        }
        if (answer.receiptId() != null) {
            channels.receipt(sessionId, answer.receiptId());
        }
    }

    @EventListener
    void on(SessionSubscribeEvent event) {
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(event.getMessage());
        if (LiveDestination.EDIT_ANSWERS.equals(stomp.getDestination())) {
            subscriptions.put(stomp.getSessionId(), stomp.getSubscriptionId());
        }
    }

    @EventListener
    void on(SessionUnsubscribeEvent event) {
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(event.getMessage());
        subscriptions.remove(stomp.getSessionId(), stomp.getSubscriptionId());
    }

    @EventListener
    void on(SessionDisconnectEvent event) {
        subscriptions.remove(event.getSessionId());
    }
}
