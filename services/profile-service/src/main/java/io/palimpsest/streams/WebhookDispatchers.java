package io.palimpsest.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.palimpsest.editors.EditorNames;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * This node's part of the webhooks: a {@link WebhookDispatcher} for each active webhook whose claim it holds, all on a
 * fixed number of threads. Every {@code refresh} it reads the registered webhooks, so it takes up those registered,
 * resumed or let go (a node that stopped) elsewhere and drops those paused or removed; changes made through this
 * node take effect at once. Metrics: deliveries by outcome, and each webhook's lag behind the log.
 */
@Component
class WebhookDispatchers implements SmartLifecycle, MeterBinder {

    static final String DELIVERIES = "palimpsest.webhooks.deliveries";
    static final String LAG = "palimpsest.webhooks.lag";
    static final String PAUSED = "palimpsest.webhooks.paused";

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatchers.class);

    private final Webhooks webhooks;
    private final EventStore eventStore;
    private final EditorNames editors;
    private final TokenStore tokens;
    private final WebhooksProperties settings;
    private final WebhookSender sender;
    private final Duration claimRenewal;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, WebhookDispatcher> running = new ConcurrentHashMap<>();
    private volatile ScheduledThreadPoolExecutor threads;
    private volatile MeterRegistry meters;
    private volatile MultiGauge lag;
    private volatile int paused;

    WebhookDispatchers(Webhooks webhooks, EventStore eventStore, EditorNames editors, TokenStore tokens,
                       WebhooksProperties settings, ObjectMapper json,
                       @Value("${palimpsest.storage.claim-timeout:10s}") Duration claimTimeout) {
        this.webhooks = webhooks;
        this.eventStore = eventStore;
        this.editors = editors;
        this.tokens = tokens;
        this.settings = settings;
        this.sender = new WebhookSender(json, new WebhookTargets(settings), settings.timeout(), clock);
        // Renewed well within the timeout, so a claim held is never taken by another node.
        this.claimRenewal = claimTimeout.dividedBy(3);
    }

    @Override
    public void start() {
        CustomizableThreadFactory factory = new CustomizableThreadFactory("webhooks-");
        factory.setDaemon(true);
        threads = new ScheduledThreadPoolExecutor(settings.threads(), factory);
        threads.setRemoveOnCancelPolicy(true);
        threads.scheduleWithFixedDelay(this::refresh, 0, settings.refresh().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes up every active webhook not yet delivered from here, and hands every running one its definition. */
    private void refresh() {
        try {
            List<Webhook> all = webhooks.all();
            Set<String> present = new HashSet<>();
            int pausedNow = 0;
            for (Webhook webhook : all) {
                present.add(webhook.id());
                if (webhook.paused()) {
                    pausedNow++;
                }
                changed(webhook);
            }
            paused = pausedNow;
            running.keySet().stream().filter(id -> !present.contains(id)).toList().forEach(this::removed);
            updateLag();
        } catch (RuntimeException e) {
            log.warn("Reading the registered webhooks failed; trying again in {}", settings.refresh(), e);
        }
    }

    /** A webhook was registered or changed (paused and resumed included). */
    void changed(Webhook webhook) {
        if (threads == null) {
            return;
        }
        running.compute(webhook.id(), (id, dispatcher) -> {
            if (dispatcher != null && dispatcher.offer(webhook)) {
                return dispatcher;
            }
            if (webhook.paused()) {
                return null;
            }
            WebhookDispatcher started = new WebhookDispatcher(this, webhook);
            started.start();
            return started;
        });
    }

    /** A webhook was removed: its dispatcher here stops and deletes its position, or this node deletes it. */
    void removed(String id) {
        WebhookDispatcher dispatcher = running.get(id);
        if (dispatcher == null || !dispatcher.offer(null)) {
            releaseOrDelete("webhook:" + id, true);
        }
    }

    void forget(WebhookDispatcher dispatcher) {
        running.remove(dispatcher.id(), dispatcher);
    }

    /** Releases the claim of a webhook's position, or deletes the position of a removed one (claiming it first). */
    void releaseOrDelete(String tokenName, boolean delete) {
        try {
            if (delete) {
                tokens.fetchToken(tokenName, 0);
                tokens.deleteToken(tokenName, 0);
            } else {
                tokens.releaseClaim(tokenName, 0);
            }
        } catch (UnableToClaimTokenException e) {
            // Another node holds it and does this itself when it learns of the change.
        } catch (RuntimeException e) {
            log.warn("Letting go of {} failed; its claim runs out by itself", tokenName, e);
        }
    }

    void pauseAfterFailures(String id) {
        webhooks.find(id).ifPresent(webhook -> webhooks.replace(webhook.paused(true, clock.instant())));
    }

    void counted(String id, Delivery delivery) {
        MeterRegistry registry = meters;
        if (registry != null) {
            Counter.builder(DELIVERIES).tag("webhook", id).tag("outcome", delivery.succeeded() ? "delivered" : "failed")
                    .description("Delivery attempts made from this node").register(registry).increment();
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        meters = registry;
        lag = MultiGauge.builder(LAG).baseUnit("events")
                .description("Positions of the log after the last one a webhook delivered from this node has looked at")
                .register(registry);
        Gauge.builder(PAUSED, () -> paused).description("Webhooks paused (after failures or by an admin)")
                .register(registry);
    }

    private void updateLag() {
        MultiGauge gauge = lag;
        if (gauge != null) {
            gauge.register(running.values().stream().map(dispatcher -> MultiGauge.Row.of(
                    Tags.of("webhook", dispatcher.id()), dispatcher, this::lagOf)).toList(), true);
        }
    }

    private double lagOf(WebhookDispatcher dispatcher) {
        long index = dispatcher.index();
        if (index < 0 || !(eventStore.createHeadToken() instanceof GapAwareTrackingToken head)) {
            return Double.NaN;
        }
        return Math.max(0, head.getIndex() - index);
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopping = threads;
        threads = null;
        if (stopping == null) {
            return;
        }
        stopping.shutdownNow();
        try {
            stopping.awaitTermination(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Let go at once, so the node that takes over need not wait for the claims to run out.
        running.values().forEach(dispatcher -> dispatcher.release(false));
        running.clear();
    }

    @Override
    public boolean isRunning() {
        return threads != null;
    }

    Webhooks webhooks() {
        return webhooks;
    }

    EventStore eventStore() {
        return eventStore;
    }

    EditorNames editors() {
        return editors;
    }

    TokenStore tokens() {
        return tokens;
    }

    WebhooksProperties settings() {
        return settings;
    }

    WebhookSender sender() {
        return sender;
    }

    Duration claimRenewal() {
        return claimRenewal;
    }

    Clock clock() {
        return clock;
    }

    ScheduledExecutorService threads() {
        return threads;
    }
}
