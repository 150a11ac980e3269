package io.palimpsest.streams;

import io.palimpsest.common.Ids;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The public change stream (server-sent events) and the same changes as a paged JSON feed for clients that poll.
 * Both only read the event store; docs/streams.md.
 */
@RestController
class ChangeStreamController {

    private static final int MAX_PAGE_SIZE = 1000;

    private final ChangeStreams streams;

    ChangeStreamController(ChangeStreams streams) {
        this.streams = streams;
    }

    /**
     * Every matching change after {@code Last-Event-ID} (or {@code after}), then live ones. The emitter never times
     * out: heartbeats keep the connection, and a consumer that leaves is noticed at the next write.
     */
    @GetMapping("/api/changes")
    SseEmitter stream(ChangeQuery query,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                      @RequestParam(required = false) String after) {
        ChangeFilter filter = query.filter();
        Cursor from = lastEventId != null ? Cursor.parse(lastEventId, "Last-Event-ID")
                : after != null ? Cursor.parse(after, "after") : streams.start(filter);
        SseEmitter emitter = new SseEmitter(0L);
        streams.stream(from, filter, new SseChangeSink(emitter));
        return emitter;
    }

    /** A page of matching changes after {@code after}; without it, from the first change (or the first at {@code from}). */
    @GetMapping("/api/changes/feed")
    ChangePage feed(ChangeQuery query, @RequestParam(required = false) String after,
                    @RequestParam(defaultValue = "100") int limit) throws InterruptedException {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new Ids.BadRequest("'limit' must be 1 to " + MAX_PAGE_SIZE);
        }
        ChangeFilter filter = query.filter();
        Cursor from = after != null ? Cursor.parse(after, "after")
                : filter.from() != null ? streams.start(filter) : Cursor.START;
        return streams.page(from, filter, limit);
    }
}
