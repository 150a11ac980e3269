package io.palimpsest.streams;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer to a registration: the webhook and, this once only, the secret its deliveries are signed with. */
record CreatedWebhook(@JsonUnwrapped WebhookView webhook, String secret) {
}
