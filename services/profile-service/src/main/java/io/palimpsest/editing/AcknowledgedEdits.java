package io.palimpsest.editing;

import io.palimpsest.model.api.EditResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The revisions this node has acknowledged that a read model may not hold yet, per profile: a read of that model
 * waits for them, so a client reads its own writes, and every write acknowledged before its read, without naming a
 * revision. The read models are built asynchronously, a few milliseconds behind; a client that sent an edit and
 * then asked for the history could otherwise miss it. An entry goes once a read has found the model holding it.
 * Writes acknowledged by another node are not known here (see docs/architecture.md).
 */
@Component
public class AcknowledgedEdits {

    /** The read models whose reads wait. */
    public enum ReadModel { CURRENT_PROFILES, HISTORY }

    private static final long POLL_MILLIS = 5;

    private final Map<ReadModel, Map<String, Long>> awaited = new EnumMap<>(ReadModel.class);
    private final Duration maxWait;
    private final AtomicInteger waiting = new AtomicInteger();

    AcknowledgedEdits(@Value("${palimpsest.read.max-wait:PT3S}") Duration maxWait) {
        this.maxWait = maxWait;
        for (ReadModel model : ReadModel.values()) {
            awaited.put(model, new ConcurrentHashMap<>());
        }
    }

    void acknowledged(EditResult result) {
        awaited.values().forEach(revisions -> revisions.merge(result.profileId(), result.revision(), Math::max));
    }

    /**
     * Waits until the model holds both {@code atLeast} and every revision of the profile acknowledged here: reads
     * {@code projected} (the model's revision of the profile, 0 if it has none) again every few milliseconds, for at
     * most the configured wait, until it does.
     *
     * @param held what the caller read of {@code projected} just before
     * @return the revision read last, which is enough
     * @throws ProfileReading.NotYetProjected if the model did not get there in time
     */
    public long await(ReadModel model, String profileId, long atLeast, long held, LongSupplier projected) {
        Map<String, Long> revisions = awaited.get(model);
        long wanted = Math.max(atLeast, revisions.getOrDefault(profileId, 0L));
        long deadline = System.nanoTime() + maxWait.toNanos();
        long revision = held;
        if (revision < wanted) {
            waiting.incrementAndGet();
            try {
                while (revision < wanted) {
                    if (System.nanoTime() >= deadline) {
                        throw new ProfileReading.NotYetProjected(profileId, wanted);
                    }
                    sleep();
                    revision = projected.getAsLong();
                }
            } finally {
                waiting.decrementAndGet();
            }
        }
        long reached = revision;
        revisions.computeIfPresent(profileId, (id, acknowledged) -> acknowledged <= reached ? null : acknowledged);
        return revision;
    }

    /**
     * Whether a read is waiting for a read model right now: the read models' processors then write what they have
     * instead of lingering for more ({@link io.palimpsest.storage.WholeCommitBatches.Linger}).
     */
    public boolean someoneWaits() {
        return waiting.get() > 0;
    }

    /** The profiles with revisions acknowledged here that the model has not been seen to hold. */
    public List<String> profilesAwaited(ReadModel model) {
        return List.copyOf(awaited.get(model).keySet());
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a read model", e);
        }
    }
}
