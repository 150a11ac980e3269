package io.palimpsest.streams;

import io.palimpsest.editors.EditorNames;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One reader of the log for every stream of this node that has caught up with it: each stored change is read once and
 * handed to the streams whose filter names its profile, or names no profile, instead of every stream reading the log
 * on a thread of its own and testing every change. A stream joins only once it has seen everything this reader has
 * handed out, and skips what it had seen already, so the hand-over leaves no gap and sends nothing twice. The reader
 * also gives each joined stream its heartbeats and the end of its time range. It starts with the first stream.
 */
final class LiveChanges implements AutoCloseable {

    private final EventStore eventStore;
    private final EditorNames editors;
    private final Duration tick;
    private final Clock clock;
    private final Map<String, Set<ChangeStream>> byProfile = new HashMap<>();
    private final Set<ChangeStream> anyProfile = new HashSet<>();
    /** Everything handed out so far; null until the reader starts. Guarded by {@code this}. */
    private GapAwareTrackingToken position;
    private Thread reader;
    private volatile boolean running = true;

    LiveChanges(EventStore eventStore, EditorNames editors, Duration tick, Clock clock) {
        this.eventStore = eventStore;
        this.editors = editors;
        this.tick = tick;
        this.clock = clock;
    }

    /** Takes the stream on if it has seen everything handed out so far; otherwise it reads on by itself, then asks again. */
    synchronized boolean join(ChangeStream stream, GapAwareTrackingToken seen) {
        if (reader == null) {
            start();
        }
        if (!seen.covers(position)) {
            return false;
        }
        stream.joined(seen);
        Set<String> profiles = stream.profiles();
        if (profiles.isEmpty()) {
            anyProfile.add(stream);
        } else {
            profiles.forEach(profile -> byProfile.computeIfAbsent(profile, any -> new HashSet<>()).add(stream));
        }
        return true;
    }

    synchronized void leave(ChangeStream stream) {
        anyProfile.remove(stream);
        stream.profiles().forEach(profile -> {
            Set<ChangeStream> streams = byProfile.get(profile);
            if (streams != null && streams.remove(stream) && streams.isEmpty()) {
                byProfile.remove(profile);
            }
        });
    }

    private void start() {
        position = Cursor.of(eventStore.createHeadToken()).token();
        StoredChanges changes = new StoredChanges(eventStore, editors, new Cursor(position));
        reader = new Thread(() -> read(changes), "change-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(StoredChanges changes) {
        Instant lastTick = clock.instant();
        try (changes) {
            while (running) {
                Optional<Change> next = changes.next(tick);
                Instant now = clock.instant();
                synchronized (this) {
                    next.ifPresent(this::handOut);
                    position = changes.cursor().token();
                    if (!Duration.between(lastTick, now).minus(tick).isNegative()) {
                        everyStream().forEach(stream -> stream.tick(now, position));
                        lastTick = now;
                    }
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private void handOut(Change change) {
        Set<ChangeStream> following = byProfile.getOrDefault(change.profileId(), Set.of());
        following.forEach(stream -> stream.offer(change));
        anyProfile.forEach(stream -> stream.offer(change));
    }

    private List<ChangeStream> everyStream() {
        Set<ChangeStream> streams = new HashSet<>(anyProfile);
        byProfile.values().forEach(streams::addAll);
        return new ArrayList<>(streams);
    }

    @Override
    public void close() {
        running = false;
        List<ChangeStream> streams;
        synchronized (this) {
            streams = everyStream();
            if (reader != null) {
                reader.interrupt();
            }
        }
        streams.forEach(ChangeStream::stop);
    }
}
