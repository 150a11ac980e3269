package io.palimpsest.streams;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.palimpsest.common.Ids;
import io.palimpsest.editing.ProfileReading;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Each user's watched changes: their watchlist ({@link Watchlists}) applied to the event log, read when asked, so a
 * watch shows what changed since the user last marked their feed read, whenever the watch was made.
 */
@Service
class WatchedChanges {

    /** So that one user's list stays one small document, and every change is matched against it quickly. */
    static final int MAX_WATCHES = 200;

    private final Watchlists lists;
    private final ChangeStreams streams;
    private final ProfileReading reading;
    private final Clock clock = Clock.systemUTC();

    WatchedChanges(Watchlists lists, ChangeStreams streams, ProfileReading reading) {
        this.lists = lists;
        this.streams = streams;
        this.reading = reading;
    }

    /** A change in a user's feed, with the ids of the watches it matched. */
    record WatchedChange(@JsonUnwrapped Change change, List<String> watches) {
    }

    /** A page of the feed; {@code next} is where the next page starts, and what to mark read after this one. */
    record Feed(List<WatchedChange> changes, String next, String readUpTo) {
    }

    /** A watch with how many changes it matched since the feed was marked read. */
    record CountedWatch(@JsonUnwrapped Watch watch, int unread) {
    }

    /**
     * The watches; {@code counted} is false when the log after {@code readUpTo} was longer than one scan looks at,
     * and the counts say "at least".
     */
    record Overview(List<CountedWatch> watches, String readUpTo, int unread, boolean counted) {
    }

    Watch watch(String user, NewWatch wanted) {
        Watchlist list = lists.of(user, streams.head());
        if (list.watches().size() >= MAX_WATCHES) {
            throw new Ids.BadRequest("A watchlist holds at most " + MAX_WATCHES + " watches; remove one first");
        }
        Watch watch = Watch.of("w-" + UUID.randomUUID().toString().substring(0, 8), wanted, clock.instant());
        lists.add(user, watch, streams.head());
        return watch;
    }

    boolean unwatch(String user, String watchId) {
        return lists.remove(user, watchId);
    }

    /** The watches without their counts ({@code counted} false, every count 0). */
    Overview watches(String user) {
        Watchlist list = lists.of(user, streams.head());
        return new Overview(list.watches().stream().map(watch -> new CountedWatch(watch, 0)).toList(),
                list.readUpTo().toString(), 0, false);
    }

    Overview overview(String user) throws InterruptedException {
        Watchlist list = lists.of(user, streams.head());
        ClaimPlaces places = new ClaimPlaces(reading);
        Map<String, Integer> unread = new LinkedHashMap<>();
        list.watches().forEach(watch -> unread.put(watch.id(), 0));
        ChangeStreams.Scan scan = streams.scan(list.readUpTo(), change -> {
            List<String> matched = list.matching(change, places);
            matched.forEach(id -> unread.merge(id, 1, Integer::sum));
            return !matched.isEmpty();
        }, change -> false, Integer.MAX_VALUE);
        return new Overview(list.watches().stream().map(watch -> new CountedWatch(watch, unread.get(watch.id())))
                .toList(), list.readUpTo().toString(), scan.changes().size(), scan.atHead());
    }

    Feed feed(String user, Cursor after, int limit) throws InterruptedException {
        Watchlist list = lists.of(user, streams.head());
        ClaimPlaces places = new ClaimPlaces(reading);
        ChangeStreams.Scan scan = list.watches().isEmpty()
                ? new ChangeStreams.Scan(List.of(), streams.head(), true)
                : streams.scan(after == null ? list.readUpTo() : after,
                        change -> !list.matching(change, places).isEmpty(), change -> false, limit);
        return new Feed(scan.changes().stream()
                .map(change -> new WatchedChange(change, list.matching(change, places))).toList(),
                scan.next().toString(), list.readUpTo().toString());
    }

    /** Marks the feed read up to a cursor the user was given ({@code next}), or up to now. */
    Cursor markRead(String user, Cursor upTo) {
        Cursor read = upTo == null ? streams.head() : upTo;
        lists.markRead(user, read, clock.instant());
        return read;
    }
}
