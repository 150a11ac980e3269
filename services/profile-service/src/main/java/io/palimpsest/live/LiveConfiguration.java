package io.palimpsest.live;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * STOMP over a plain WebSocket at {@code /ws}. The handshake is an ordinary HTTP request, so HTTP Basic (or the
 * session cookie) authenticates it and an anonymous one is refused with 401 before any frame is read; the
 * session's principal is then the editor of everything the connection does.
 */
@Configuration
@EnableWebSocketMessageBroker
@EnableConfigurationProperties(LiveProperties.class)
class LiveConfiguration implements WebSocketMessageBrokerConfigurer {

    private final LiveAccess access;
    private final LiveProperties properties;
    private final DataSize requestBody;

    LiveConfiguration(LiveAccess access, LiveProperties properties,
                      @Value("${palimpsest.limits.request-body:256KB}") DataSize requestBody) {
        this.access = access;
        this.properties = properties;
        this.requestBody = requestBody;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        // Frames are checked (LiveAccess) on the connection's own thread, so a refusal can answer ERROR: hence no
        // preserveReceiveOrder, which would check them later on the inbound thread pool.
        // Same origin only unless configured: clients that send no Origin (non-browser ones) are not affected.
        registry.addEndpoint("/ws").setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
        registry.setErrorHandler(new RefusalFrames());
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        // /queue: each session's own queue of watched changes (/user/queue/changes, streams.WatchPush).
        registry.enableSimpleBroker("/topic", "/queue");
        registry.setApplicationDestinationPrefixes("/app");
        // Changes must reach a subscriber in revision order; the outbound channel runs on a thread pool.
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(access);
    }

    /**
     * A subscriber that cannot keep up is buffered up to these limits, then cut off, so it never holds up writers
     * or other subscribers; {@link CutOffNotice} tells it why.
     */
    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        // A frame may carry an edit as large as a REST edit's body (Spring's default is 64 KB).
        registration.setMessageSizeLimit((int) requestBody.toBytes())
                .setSendTimeLimit((int) properties.sendTimeLimit().toMillis())
                .setSendBufferSizeLimit((int) properties.sendBufferSizeLimit().toBytes())
                .addDecoratorFactory(CutOffNotice::new);
    }
}
