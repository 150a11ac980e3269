package io.palimpsest.streams;

import java.time.Instant;

/**
 * One attempt to deliver to a webhook. {@code delivery} is the idempotency key the receiver got in
 * {@code X-Palimpsest-Delivery}: the change's position (a ping's is {@code ping-…}); {@code status} is the HTTP
 * status it answered, null when there was no answer; {@code error} says why the attempt failed, null when it did not.
 */
record Delivery(String delivery, Long position, String event, int attempt, Integer status, long latencyMs,
                String error, Instant time) {

    boolean succeeded() {
        return error == null;
    }
}
