package io.palimpsest.live;

import java.util.ArrayList;
import java.util.List;

/**
 * One subscriber of a profile's changes. A resuming subscriber first gets the stored changes after its revision;
 * live changes arriving meanwhile are held back and follow. Each change is sent only if its sequence is past the
 * last one sent, so the overlap of stored and live changes is neither lost nor doubled.
 */
final class ChangeSubscription {

    private final Subscriber subscriber;
    private final String destination;
    private final long afterRevision;
    private final SubscriberChannels channels;
    private long lastSequence = -1;
    /** Live changes that arrived during catch-up; null once live. */
    private List<ChangeFrame> heldBack;

    ChangeSubscription(Subscriber subscriber, String profileId, Long sinceRevision, SubscriberChannels channels) {
        this.subscriber = subscriber;
        this.destination = LiveDestination.changes(profileId);
        this.afterRevision = sinceRevision == null ? 0 : sinceRevision;
        this.channels = channels;
        this.heldBack = sinceRevision == null ? null : new ArrayList<>();
    }

    Subscriber subscriber() {
        return subscriber;
    }

    synchronized void offer(ChangeFrame change) {
        if (heldBack != null) {
            heldBack.add(change);
        } else {
            deliver(change);
        }
    }

    /** Sends the stored changes, then those held back meanwhile, and goes live. */
    synchronized void catchUp(List<ChangeFrame> stored) {
        stored.forEach(this::deliver);
        heldBack.forEach(this::deliver);
        heldBack = null;
    }

    private void deliver(ChangeFrame change) {
        if (change.revision() > afterRevision && change.sequence() > lastSequence) {
            channels.send(subscriber, destination, change.json());
            lastSequence = change.sequence();
        }
    }
}
