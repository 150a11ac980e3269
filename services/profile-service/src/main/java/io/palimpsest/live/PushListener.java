package io.palimpsest.live;

import java.time.Instant;

/** Told of every stored change as this node hands it to its subscribers: how far the push is behind the store. */
public interface PushListener {

    /** A change stored at {@code storedAt} was just handed to {@code subscriptions} subscriptions (maybe none). */
    void pushed(Instant storedAt, int subscriptions);
}
