package io.palimpsest.streams;

import java.util.List;
import java.util.Optional;

/** A user's watches and how far they have read: their feed holds the matching changes after {@code readUpTo}. */
record Watchlist(String user, List<Watch> watches, Cursor readUpTo) {

    /** The watches a change matches, by id: none means it is not in the user's feed. */
    List<String> matching(Change change, ClaimPlaces places) {
        return watches.stream().filter(watch -> watch.matches(change, places)).map(Watch::id).toList();
    }

    Optional<Watch> watch(String id) {
        return watches.stream().filter(watch -> watch.id().equals(id)).findFirst();
    }
}
