package io.palimpsest.operations;

import io.palimpsest.history.Replays;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How far each read model is behind the event store: in positions of the log (each event takes one; so do the seals
 * of abandoned positions), and in time, as the age of the oldest event it has not folded yet. A read model with no
 * event after its token is not behind, whatever the positions say: positions a writer allocated and never used lie
 * above the last commit until the next one.
 * <p>
 * A sample is kept for a second: a scrape reads every gauge, and a readiness probe may come at the same moment.
 */
@Component
class ReadModelLag {

    private static final Duration KEEP = Duration.ofSeconds(1);

    private final EventStorageEngine eventLog;
    private final StoredTokens tokens;
    private final Clock clock = Clock.systemUTC();
    private Sample last;

    ReadModelLag(EventStorageEngine eventLog, StoredTokens tokens) {
        this.eventLog = eventLog;
        this.tokens = tokens;
    }

    /** The store's head (its last allocated position) and each read model's distance from it. */
    record Sample(Instant at, long head, List<Behind> readModels) {
    }

    /** A read model's position in the log, and how far behind it is, in positions and in time. */
    record Behind(String readModel, long position, long positions, Duration age) {
    }

    /** A sample at most a second old; reads the store when there is none. */
    synchronized Sample sample() {
        Instant now = clock.instant();
        if (last == null || last.at().plus(KEEP).isBefore(now)) {
            last = measure(now);
        }
        return last;
    }

    private Sample measure(Instant now) {
        long head = position(eventLog.createHeadToken());
        List<Behind> readModels = new ArrayList<>();
        for (String readModel : Replays.READ_MODELS) {
            TrackingToken token = tokens.slowest(readModel);
            long position = position(token);
            Optional<Instant> oldestUnfolded = position >= head ? Optional.empty() : firstAfter(token);
            readModels.add(oldestUnfolded
                    .map(stored -> new Behind(readModel, position, head - position, age(stored, now)))
                    .orElseGet(() -> new Behind(readModel, position, 0, Duration.ZERO)));
        }
        return new Sample(now, head, List.copyOf(readModels));
    }

    /** When the first event after the token was stored, if there is one. */
    private Optional<Instant> firstAfter(TrackingToken token) {
        try (Stream<? extends TrackedEventMessage<?>> events =
                     eventLog.readEvents(WrappedToken.unwrapLowerBound(token), false)) {
            return events.findFirst().map(TrackedEventMessage::getTimestamp);
        }
    }

    private static Duration age(Instant stored, Instant now) {
        return stored.isBefore(now) ? Duration.between(stored, now) : Duration.ZERO;
    }

    static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }
}
