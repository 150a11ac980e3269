package io.palimpsest.streams;

import io.palimpsest.common.Ids;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an admin does with webhooks: register (checked against the allow list and the stream's filter rules, its
 * position in the log set before the answer, so no change stored after it is missed), change, pause, resume,
 * remove, ping; and what is shown of them, never the secret after registration.
 */
@Component
class WebhookRegistrations {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Webhooks webhooks;
    private final WebhookDispatchers dispatchers;
    private final TokenStore tokens;
    private final ChangeStreams streams;
    private final WebhookTargets targets;
    private final Clock clock = Clock.systemUTC();

    WebhookRegistrations(Webhooks webhooks, WebhookDispatchers dispatchers, TokenStore tokens, ChangeStreams streams,
                         WebhooksProperties settings) {
        this.webhooks = webhooks;
        this.dispatchers = dispatchers;
        this.tokens = tokens;
        this.streams = streams;
        this.targets = new WebhookTargets(settings);
    }

    CreatedWebhook register(WebhookRequest request, String admin) {
        URI url = targets.check(request.url());
        ChangeQuery filters = request.filters() == null ? ChangeQuery.EVERYTHING : request.filters();
        ChangeFilter filter = filters.filter();
        Cursor start = request.after() != null ? Cursor.parse(request.after(), "after") : streams.start(filter);
        String secret = HexFormat.of().formatHex(random(32));
        Webhook webhook = new Webhook("wh-" + HexFormat.of().formatHex(random(8)), url, request.description(), filters,
                secret, false, null, admin, clock.instant(), 1);
        tokens.initializeTokenSegments(webhook.tokenName(), 1, start.token());
        webhooks.add(webhook);
        dispatchers.changed(webhook);
        return new CreatedWebhook(WebhookView.of(webhook, WebhookStatus.NONE), secret);
    }

    List<WebhookView> list() {
        List<Webhook> all = webhooks.all();
        Map<String, WebhookStatus> statuses = webhooks.statuses(all.stream().map(Webhook::id).toList());
        return all.stream().map(webhook -> WebhookView.of(webhook, statuses.getOrDefault(webhook.id(),
                WebhookStatus.NONE))).toList();
    }

    WebhookView view(String id) {
        return view(find(id));
    }

    List<Delivery> deliveries(String id) {
        return webhooks.status(find(id).id()).recent();
    }

    /** Only the fields given change; {@code after} is for registration only. */
    WebhookView change(String id, WebhookRequest request) {
        if (request.after() != null) {
            throw new Ids.BadRequest("'after' is given at registration only: a webhook goes on from where it is");
        }
        Webhook webhook = find(id);
        URI url = request.url() == null ? webhook.url() : targets.check(request.url());
        ChangeQuery filters = request.filters() == null ? webhook.filters() : request.filters();
        filters.filter();
        String description = request.description() == null ? webhook.description() : request.description();
        return save(webhook.changed(url, description, filters));
    }

    WebhookView pause(String id) {
        Webhook webhook = find(id);
        return webhook.paused() ? view(webhook) : save(webhook.paused(true, clock.instant()));
    }

    /** Delivery goes on from the last change delivered: what was missed while paused comes first. */
    WebhookView resume(String id) {
        Webhook webhook = find(id);
        webhooks.clearFailures(id);
        return save(webhook.paused(false, clock.instant()));
    }

    void remove(String id) {
        if (!webhooks.remove(Ids.element(id, "webhook id"))) {
            throw unknown(id);
        }
        dispatchers.removed(id);
    }

    /** A ping, sent at once and answered with how it went; it is listed with the deliveries. */
    Delivery ping(String id) throws InterruptedException {
        Webhook webhook = find(id);
        Delivery delivery = dispatchers.sender().send(webhook, "ping-" + UUID.randomUUID(), null, "ping",
                Map.of("webhook", webhook.id(), "time", clock.instant().toString()), 1);
        webhooks.record(id, delivery, null);
        return delivery;
    }

    private WebhookView save(Webhook webhook) {
        webhooks.replace(webhook);
        dispatchers.changed(webhook);
        return view(webhook);
    }

    private WebhookView view(Webhook webhook) {
        return WebhookView.of(webhook, webhooks.status(webhook.id()));
    }

    private Webhook find(String id) {
        return webhooks.find(Ids.element(id, "webhook id")).orElseThrow(() -> unknown(id));
    }

    private static ResponseStatusException unknown(String id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No webhook '" + id + "'");
    }

    private static byte[] random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return random;
    }
}
