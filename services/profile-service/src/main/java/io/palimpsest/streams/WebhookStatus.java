package io.palimpsest.streams;

import java.time.Instant;
import java.util.List;

/** How a webhook's deliveries stand: kept apart from its definition, as it changes with every delivery. */
record WebhookStatus(int failures, String lastError, Instant lastErrorAt, String deliveredUpTo,
                     List<Delivery> recent) {

    static final WebhookStatus NONE = new WebhookStatus(0, null, null, null, List.of());
}
