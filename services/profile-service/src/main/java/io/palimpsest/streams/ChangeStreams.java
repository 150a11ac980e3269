package io.palimpsest.streams;

import io.palimpsest.editors.EditorNames;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * Starts consumers' streams and reads pages of the feed, from the shared event store, so a cursor from any node
 * resumes on any other and after a restart: positions are the store's own.
 */
@Component
class ChangeStreams implements AutoCloseable {

    /**
     * Sends to the live consumers. A send blocks until the consumer's socket takes it, so a consumer on a stalled link
     * holds one of these until it is cut off; the rest go on with the others.
     */
    private static final int SENDERS = 8;
    /** How long a feed page waits for a change stored before it was asked for but not yet read from the store. */
    private static final Duration STORED_WAIT = Duration.ofSeconds(1);

    /** A stream catching up reads the log on a thread of its own until it is live (Java 17: no virtual threads). */
    private final ExecutorService catchingUp;
    private final ExecutorService senders;
    private final LiveChanges live;
    private final EventStore eventStore;
    private final EditorNames editors;
    private final StreamsProperties settings;
    private final Clock clock = Clock.systemUTC();

    ChangeStreams(EventStore eventStore, EditorNames editors, StreamsProperties settings) {
        this.eventStore = eventStore;
        this.editors = editors;
        this.settings = settings;
        this.catchingUp = Executors.newCachedThreadPool(daemons("change-stream-"));
        this.senders = Executors.newFixedThreadPool(SENDERS, daemons("change-stream-sender-"));
        this.live = new LiveChanges(eventStore, editors, ChangeStream.waitFor(settings), clock);
    }

    private static CustomizableThreadFactory daemons(String prefix) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
        factory.setDaemon(true);
        return factory;
    }

    /** Where a consumer without a cursor starts: after {@code from} if given, else at the head (live changes only). */
    Cursor start(ChangeFilter filter) {
        return filter.from() == null ? head() : Cursor.of(eventStore.createTokenAt(filter.from()));
    }

    /** After everything stored now. */
    Cursor head() {
        return Cursor.of(eventStore.createHeadToken());
    }

    void stream(Cursor after, ChangeFilter filter, ChangeSink sink) {
        catchingUp.execute(new ChangeStream(new StoredChanges(eventStore, editors, after), filter, sink, settings, clock, live,
                senders));
    }

    /** Feed page: the first {@code limit} matching changes after the cursor, looking at no more than the scan limit. */
    ChangePage page(Cursor after, ChangeFilter filter, int limit) throws InterruptedException {
        Scan scan = scan(after, filter::matches, change -> filter.isAfterRange(change.time()), limit);
        return new ChangePage(scan.changes(), scan.next().toString());
    }

    /** What a scan found: the changes kept, the cursor after them, and whether it got to the head of the log. */
    record Scan(List<Change> changes, Cursor next, boolean atHead) {
    }

    /**
     * The first {@code limit} changes after the cursor that {@code wanted} keeps, until a change is {@code pastTheEnd}
     * or the head is reached, looking at no more than the scan limit of stored events.
     */
    Scan scan(Cursor after, Predicate<Change> wanted, Predicate<Change> pastTheEnd, int limit)
            throws InterruptedException {
        List<Change> kept = new ArrayList<>();
        // What was stored when asked is in the answer, also an edit acknowledged a moment ago that the event store's
        // reader has not fetched yet; waiting stops at that, or at a position whose commit does not come.
        GapAwareTrackingToken storedWhenAsked = head().token();
        try (StoredChanges changes = new StoredChanges(eventStore, editors, after)) {
            for (int scanned = 0; scanned < settings.feedScanLimit() && kept.size() < limit; scanned++) {
                boolean readAllStored = changes.cursor().token().covers(storedWhenAsked);
                var next = changes.next(readAllStored ? Duration.ZERO : STORED_WAIT);
                if (changes.idle() || next.isPresent() && pastTheEnd.test(next.get())) {
                    break;
                }
                next.filter(wanted).ifPresent(kept::add);
            }
            Cursor next = kept.size() == limit ? kept.get(limit - 1).cursor() : changes.cursor();
            return new Scan(kept, next, changes.idle());
        }
    }

    @Override
    public void close() {
        live.close();
        catchingUp.shutdownNow();
        senders.shutdownNow();
    }
}
