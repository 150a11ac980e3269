package io.palimpsest.streams;

import java.net.URI;
import java.time.Instant;

/**
 * A registered webhook: where its deliveries go, which changes it wants (the change stream's filters) and the
 * secret its deliveries are signed with. The secret is kept in the store, since every delivery is signed with it,
 * and is shown only in the answer that registers the webhook. {@code version} counts changes to the definition.
 */
record Webhook(String id, URI url, String description, ChangeQuery filters, String secret, boolean paused,
               Instant pausedAt, String createdBy, Instant createdAt, long version) {

    /** The next version, with this target, note and filters. */
    Webhook changed(URI newUrl, String newDescription, ChangeQuery newFilters) {
        return new Webhook(id, newUrl, newDescription, newFilters, secret, paused, pausedAt, createdBy, createdAt,
                version + 1);
    }

    /** The next version, paused at {@code now}, or active again. */
    Webhook paused(boolean pause, Instant now) {
        return new Webhook(id, url, description, filters, secret, pause, pause ? now : null, createdBy, createdAt,
                version + 1);
    }

    ChangeFilter filter() {
        return filters.filter();
    }

    /** The name its position is kept under in the token store, as an event processor's is. */
    String tokenName() {
        return "webhook:" + id;
    }
}
