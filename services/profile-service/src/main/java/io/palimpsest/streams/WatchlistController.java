package io.palimpsest.streams;

import io.palimpsest.common.Ids;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.Map;

/** The signed-in user's watchlist and their feed of what changed in what they watch (docs/streams.md). */
@RestController
@RequestMapping("/api/me")
class WatchlistController {

    private static final int MAX_PAGE_SIZE = 1000;

    private final WatchedChanges watched;

    WatchlistController(WatchedChanges watched) {
        this.watched = watched;
    }

    /** Body of {@code POST /api/me/changes/read}: the feed's {@code next} the user has read up to; absent, now. */
    record ReadMark(String upTo) {
    }

    /** With {@code unread=false}, the watches alone: no read of the log to count what changed. */
    @GetMapping("/watches")
    WatchedChanges.Overview watches(@RequestParam(defaultValue = "true") boolean unread, Principal user)
            throws InterruptedException {
        return unread ? watched.overview(user.getName()) : watched.watches(user.getName());
    }

    @PostMapping("/watches")
    @ResponseStatus(HttpStatus.CREATED)
    Watch watch(@RequestBody NewWatch wanted, Principal user) {
        return watched.watch(user.getName(), wanted);
    }

    @DeleteMapping("/watches/{watchId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unwatch(@PathVariable String watchId, Principal user) {
        if (!watched.unwatch(user.getName(), watchId)) {
            throw new UnknownWatch(watchId);
        }
    }

    @GetMapping("/changes")
    WatchedChanges.Feed changes(@RequestParam(required = false) String after,
                                @RequestParam(defaultValue = "100") int limit, Principal user)
            throws InterruptedException {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new Ids.BadRequest("'limit' must be 1 to " + MAX_PAGE_SIZE);
        }
        return watched.feed(user.getName(), after == null ? null : Cursor.parse(after, "after"), limit);
    }

    @PostMapping("/changes/read")
    Map<String, String> markRead(@RequestBody(required = false) ReadMark mark, Principal user) {
        Cursor upTo = mark == null || mark.upTo() == null ? null : Cursor.parse(mark.upTo(), "upTo");
        return Map.of("readUpTo", watched.markRead(user.getName(), upTo).toString());
    }
}
