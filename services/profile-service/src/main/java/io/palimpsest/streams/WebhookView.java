package io.palimpsest.streams;

import java.time.Instant;

/**
 * A webhook as the API shows it, without its secret. {@code deliveredUpTo} is the cursor (as in the change stream)
 * of the last change delivered; {@code failures} counts the failed attempts since the last success, and
 * {@code lastError} is the last failure's reason.
 */
record WebhookView(String id, String url, String description, ChangeQuery filters, String state, int failures,
                   String lastError, Instant lastErrorAt, Instant pausedAt, String deliveredUpTo, String createdBy,
                   Instant createdAt) {

    static WebhookView of(Webhook webhook, WebhookStatus status) {
        return new WebhookView(webhook.id(), webhook.url().toString(), webhook.description(), webhook.filters(),
                webhook.paused() ? "paused" : "active", status.failures(), status.lastError(), status.lastErrorAt(),
                webhook.pausedAt(), status.deliveredUpTo(), webhook.createdBy(), webhook.createdAt());
    }
}
