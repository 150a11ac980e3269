package io.palimpsest.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.WebSocketMessageBrokerStats;

/**
 * This node's live push: connections, subscriptions by topic, present editors, and subscribers cut off for falling
 * behind. Subscriptions are counted from Spring's registry of STOMP users, cut-offs from its session statistics.
 */
@Component
class LiveMeters implements MeterBinder {

    static final String SUBSCRIBERS = "palimpsest.live.subscribers";
    static final String CONNECTIONS = "palimpsest.live.connections";
    static final String CUT_OFF = "palimpsest.live.subscribers.cut.off";
    static final String PRESENT = "palimpsest.live.present.editors";

    private final SimpUserRegistry users;
    private final WebSocketMessageBrokerStats stats;
    private final PresentEditors present;

    LiveMeters(SimpUserRegistry users, WebSocketMessageBrokerStats stats, PresentEditors present) {
        this.users = users;
        this.stats = stats;
        this.present = present;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(SUBSCRIBERS, () -> subscriptions(false)).tag("topic", "changes")
                .description("Subscriptions to profiles' changes on this node").register(registry);
        Gauge.builder(SUBSCRIBERS, () -> subscriptions(true)).tag("topic", "presence")
                .description("Subscriptions to profiles' presence lists on this node").register(registry);
        Gauge.builder(CONNECTIONS, () -> stats.getWebSocketSessionStats().getWebSocketSessions())
                .description("Open WebSocket connections on this node").register(registry);
        FunctionCounter.builder(CUT_OFF, stats, s -> s.getWebSocketSessionStats().getLimitExceededSessions())
                .description("Connections closed for exceeding the send time or buffer limit").register(registry);
        Gauge.builder(PRESENT, present::count).description("Editors present on a connection to this node")
                .register(registry);
    }

    private int subscriptions(boolean presence) {
        return users.findSubscriptions(subscription -> {
            String destination = subscription.getDestination();
            return destination != null && destination.startsWith("/topic/profiles/")
                    && destination.endsWith("/presence") == presence;
        }).size();
    }
}
