package io.palimpsest.streams;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts consumers' streams and reads pages of the feed, from the shared event store, so a cursor from any node
 * resumes on any other and after a restart: positions are the store's own.
 */
@Component
class ChangeStreams implements AutoCloseable {

    /** Each stream blocks on its consumer's socket, so each has a thread of its own (Java 17: no virtual threads). */
    private final ExecutorService threads;
    private final EventStore eventStore;
    private final StreamsProperties settings;
    private final Clock clock = Clock.systemUTC();

    ChangeStreams(EventStore eventStore, StreamsProperties settings) {
        this.eventStore = eventStore;
        this.settings = settings;
        CustomizableThreadFactory factory = new CustomizableThreadFactory("change-stream-");
        factory.setDaemon(true);
        this.threads = Executors.newCachedThreadPool(factory);
    }

    /** Where a consumer without a cursor starts: after {@code from} if given, else at the head (live changes only). */
    Cursor start(ChangeFilter filter) {
        return Cursor.of(filter.from() == null ? eventStore.createHeadToken() : eventStore.createTokenAt(filter.from()));
    }

    void stream(Cursor after, ChangeFilter filter, ChangeSink sink) {
        threads.execute(new ChangeStream(new StoredChanges(eventStore, after), filter, sink, settings, clock));
    }

    /** Feed page: the first {@code limit} matching changes after the cursor, looking at no more than the scan limit. */
    ChangePage page(Cursor after, ChangeFilter filter, int limit) throws InterruptedException {
        List<Change> matching = new ArrayList<>();
        try (StoredChanges changes = new StoredChanges(eventStore, after)) {
            for (int scanned = 0; scanned < settings.feedScanLimit() && matching.size() < limit; scanned++) {
                var next = changes.next(Duration.ZERO);
                if (changes.idle() || next.isPresent() && filter.isAfterRange(next.get().time())) {
                    break;
                }
                next.filter(filter::matches).ifPresent(matching::add);
            }
            Cursor next = matching.size() == limit ? matching.get(limit - 1).cursor() : changes.cursor();
            return new ChangePage(matching, next.toString());
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
