package io.palimpsest.streams;

import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Delivers one webhook's changes from this node, one at a time and in the order of the log: the next matching change
 * is sent until it succeeds or the webhook is paused, and only then is its position stored (in the token store, under
 * the claim that keeps every other node off this webhook), so a crash at any point sends a change again rather than
 * skip it. It runs as a chain of short steps on the node's shared threads, never waiting on a thread of its own.
 */
final class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Stored events looked at in one step before other webhooks get a turn. */
    private static final int SCAN_BATCH = 500;

    private final WebhookDispatchers node;
    private final String id;
    private final String tokenName;
    private volatile Webhook webhook;
    private volatile boolean finished;
    /** The index of the log this webhook has looked at up to, for its lag; -1 until it holds the claim. */
    private volatile long index = -1;

    private StoredChanges reader;
    private Change pending;
    private int failures;
    private Instant retryAt;
    private Instant claimRenewed;
    /** The definition's version last acted on: a change to it (a resume, a new URL) means a fresh run of attempts. */
    private long version = -1;

    WebhookDispatcher(WebhookDispatchers node, Webhook webhook) {
        this.node = node;
        this.id = webhook.id();
        this.tokenName = webhook.tokenName();
        this.webhook = webhook;
    }

    String id() {
        return id;
    }

    long index() {
        return index;
    }

    /**
     * Hands over the webhook as it now stands (null: it was removed), to be obeyed at the next step. False if this
     * dispatcher has already finished: the caller starts a new one.
     */
    boolean offer(Webhook latest) {
        if (finished) {
            return false;
        }
        webhook = latest;
        return !finished;
    }

    void start() {
        schedule(Duration.ZERO);
    }

    private void step() {
        Duration next;
        try {
            next = deliverNext();
        } catch (UnableToClaimTokenException e) {
            // Another node delivers this webhook (or did until moments ago): look again later.
            closeReader();
            next = node.settings().refresh();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            log.warn("Webhook {}: delivering failed in this node; trying again from its stored position", id, e);
            closeReader();
            next = node.settings().refresh();
        }
        if (next == null) {
            finish();
        } else {
            schedule(next);
        }
    }

    /** One step; the wait before the next, or null when this webhook is no longer to be delivered from here. */
    private Duration deliverNext() throws InterruptedException {
        Webhook current = webhook;
        if (current == null || current.paused()) {
            return null;
        }
        Instant now = node.clock().instant();
        if (reader == null) {
            reader = new StoredChanges(node.eventStore(), node.editors(), Cursor.of(node.tokens().fetchToken(tokenName, 0)));
            claimRenewed = now;
            pending = null;
            version = -1;
            index = reader.cursor().token().getIndex();
        }
        if (current.version() != version) {
            version = current.version();
            failures = node.webhooks().status(id).failures();
            retryAt = now;
        }
        if (pending == null) {
            pending = nextMatching(current.filter()).orElse(null);
            index = reader.cursor().token().getIndex();
            if (pending == null) {
                keepPosition(now);
                return reader.idle() ? node.settings().pollInterval() : Duration.ZERO;
            }
            retryAt = now;
        }
        if (now.isBefore(retryAt)) {
            renewClaim(now);
            return min(Duration.between(now, retryAt), node.claimRenewal());
        }
        if (webhook != current) {
            return Duration.ZERO; // changed (or removed) since this step began: obey that first
        }
        // Still ours? Another node that took over meanwhile delivers from the stored position itself.
        node.tokens().extendClaim(tokenName, 0);
        claimRenewed = now;
        Delivery delivery = node.sender().send(current, pending, failures + 1);
        node.webhooks().record(id, delivery, pending.cursor());
        node.counted(id, delivery);
        if (delivery.succeeded()) {
            node.tokens().storeToken(pending.cursor().token(), tokenName, 0);
            pending = null;
            failures = 0;
            return Duration.ZERO;
        }
        failures++;
        if (failures >= node.settings().pauseAfter()) {
            log.info("Webhook {} paused after {} failed attempts in a row: {}", id, failures, delivery.error());
            node.pauseAfterFailures(id);
            return null;
        }
        Duration backoff = backoff(failures);
        retryAt = now.plus(backoff);
        return min(backoff, node.claimRenewal());
    }

    private Optional<Change> nextMatching(ChangeFilter filter) throws InterruptedException {
        for (int scanned = 0; scanned < SCAN_BATCH; scanned++) {
            Optional<Change> next = reader.next(Duration.ZERO);
            if (reader.idle()) {
                return Optional.empty();
            }
            if (next.isPresent() && filter.matches(next.get())) {
                return next;
            }
        }
        return Optional.empty();
    }

    /** Nothing to deliver: keep the position past the changes looked over, as often as the claim needs renewing. */
    private void keepPosition(Instant now) {
        if (!Duration.between(claimRenewed, now).minus(node.claimRenewal()).isNegative()) {
            node.tokens().storeToken(reader.cursor().token(), tokenName, 0);
            claimRenewed = now;
        }
    }

    private void renewClaim(Instant now) {
        if (!Duration.between(claimRenewed, now).minus(node.claimRenewal()).isNegative()) {
            node.tokens().extendClaim(tokenName, 0);
            claimRenewed = now;
        }
    }

    /** Doubling from the base up to the maximum, less a random part of up to half. */
    private Duration backoff(int failuresInARow) {
        long base = node.settings().retryBase().toMillis();
        long max = node.settings().retryMax().toMillis();
        long full = Math.min(max, base << Math.min(failuresInARow - 1, 30));
        return Duration.ofMillis(full - ThreadLocalRandom.current().nextLong(full / 2 + 1));
    }

    private void schedule(Duration wait) {
        ScheduledExecutorService threads = node.threads();
        try {
            if (threads != null) {
                threads.schedule(this::step, wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException stopping) {
            // The node is shutting down; it releases the claim.
        }
    }

    /** Lets go of the webhook: its claim released (or, if it was removed, its position deleted). */
    private void finish() {
        finished = true;
        node.forget(this);
        release(webhook == null);
    }

    /** On shutdown, once no step runs any more. */
    void release(boolean removed) {
        closeReader();
        node.releaseOrDelete(tokenName, removed);
    }

    private void closeReader() {
        if (reader != null) {
            reader.close();
            reader = null;
            index = -1;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
