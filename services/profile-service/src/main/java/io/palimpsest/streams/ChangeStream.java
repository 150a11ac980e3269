package io.palimpsest.streams;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One consumer's stream: the changes after its cursor that match its filter, first those already stored, then live
 * ones, from a single read of the log, so there is nothing between the two to fall through or be sent twice.
 * It runs on its own thread and sends as fast as the consumer takes; a consumer that, once live, is about to be sent
 * a change older than {@code maxDelay} cannot keep up and is cut off.
 */
final class ChangeStream implements Runnable {

    private final StoredChanges changes;
    private final ChangeFilter filter;
    private final ChangeSink sink;
    private final Duration heartbeat;
    private final Duration maxDelay;
    private final Clock clock;
    /** How long one wait for the log lasts: short enough that a time range ends soon after its end has passed. */
    private final Duration wait;

    ChangeStream(StoredChanges changes, ChangeFilter filter, ChangeSink sink, StreamsProperties settings, Clock clock) {
        this.changes = changes;
        this.filter = filter;
        this.sink = sink;
        this.heartbeat = settings.heartbeat();
        this.maxDelay = settings.maxDelay();
        this.clock = clock;
        this.wait = heartbeat.compareTo(Duration.ofSeconds(1)) < 0 ? heartbeat : Duration.ofSeconds(1);
    }

    @Override
    public void run() {
        try (changes) {
            stream();
        } catch (IOException e) {
            // The consumer went away while being sent to; it resumes from the id of the last change it received.
        } catch (InterruptedException e) {
            sink.stop();
            Thread.currentThread().interrupt();
        }
    }

    private void stream() throws IOException, InterruptedException {
        boolean live = false;
        Cursor sent = changes.cursor();
        Instant lastWrite = clock.instant();
        while (sink.isOpen()) {
            Optional<Change> next = changes.next(wait);
            Instant now = clock.instant();
            if (next.isPresent()) {
                Change change = next.get();
                if (filter.isAfterRange(change.time())) {
                    sink.end(sent);
                    return;
                }
                if (filter.matches(change)) {
                    if (live && change.time().plus(maxDelay).isBefore(now)) {
                        sink.cutOff(sent);
                        return;
                    }
                    sink.change(change);
                    sent = change.cursor();
                    lastWrite = now;
                }
            } else if (changes.idle()) {
                live = true;
                if (filter.isAfterRange(now)) {
                    sink.end(changes.cursor());
                    return;
                }
            }
            if (!Duration.between(lastWrite, now).minus(heartbeat).isNegative()) {
                sink.heartbeat();
                lastWrite = now;
            }
        }
    }
}
