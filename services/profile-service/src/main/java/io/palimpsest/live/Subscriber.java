package io.palimpsest.live;

/** One STOMP subscription: the connection and the id the client gave it. */
record Subscriber(String sessionId, String subscriptionId) {
}
