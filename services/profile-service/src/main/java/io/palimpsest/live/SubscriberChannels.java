package io.palimpsest.live;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends JSON messages to single subscriptions, in the order they are handed over per connection. The client
 * outbound channel runs on a thread pool; each connection gets its own ordering decorator, which passes the next
 * message on only once the previous one is in the connection's send buffer. A slow connection thus queues only
 * its own messages and never occupies the pool.
 */
@Component
class SubscriberChannels {

    private static final Log log = LogFactory.getLog(SubscriberChannels.class);

    private final MessageChannel outbound;
    private final Map<String, MessageChannel> connections = new ConcurrentHashMap<>();

    SubscriberChannels(@Qualifier("clientOutboundChannel") MessageChannel outbound) {
        this.outbound = outbound;
        OrderedMessageChannelDecorator.configureInterceptor(outbound, true);
    }

    void send(Subscriber subscriber, String destination, byte[] json) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(subscriber.sessionId());
        headers.setSubscriptionId(subscriber.subscriptionId());
        headers.setDestination(destination);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setLeaveMutable(true);
        connection(subscriber).send(MessageBuilder.createMessage(json, headers.getMessageHeaders()));
    }

    /** Confirms a client frame that asked for a receipt; it follows what was sent to the connection before it. */
    void receipt(String sessionId, String receiptId) {
        StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.RECEIPT);
        headers.setSessionId(sessionId);
        headers.setReceiptId(receiptId);
        headers.setLeaveMutable(true);
        connection(new Subscriber(sessionId, null)).send(MessageBuilder.createMessage(new byte[0],
                headers.getMessageHeaders()));
    }

    /** Ends the connection with a STOMP ERROR frame telling the client why. */
    void refuse(Subscriber subscriber, String reason) {
        StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.ERROR);
        headers.setSessionId(subscriber.sessionId());
        headers.setMessage(reason);
        headers.setLeaveMutable(true);
        connection(subscriber).send(MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders()));
    }

    private MessageChannel connection(Subscriber subscriber) {
        return connections.computeIfAbsent(subscriber.sessionId(), id -> new OrderedMessageChannelDecorator(outbound, log));
    }

    @EventListener
    void on(SessionDisconnectEvent event) {
        connections.remove(event.getSessionId());
    }
}
