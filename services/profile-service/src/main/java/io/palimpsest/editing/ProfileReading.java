package io.palimpsest.editing;

import io.palimpsest.model.ProfileDocument;
import io.palimpsest.model.api.ProfileSummary;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads of the current-profile model, with read-your-writes: a reader that names the revision its
 * write produced ({@code minRevision}) waits until the projection has folded it in, or is told to
 * retry. A profile the event store has but the projection not yet (just created) is waited for too,
 * so "not found" always means the profile does not exist.
 */
@Service
public class ProfileReading {

    private static final long POLL_MILLIS = 5;

    private final CurrentProfiles profiles;
    private final EventStore eventStore;
    private final Duration maxWait;

    ProfileReading(CurrentProfiles profiles, EventStore eventStore,
                   @Value("${palimpsest.read.max-wait:PT3S}") Duration maxWait) {
        this.profiles = profiles;
        this.eventStore = eventStore;
        this.maxWait = maxWait;
    }

    /** Thrown when the projection has not yet reached the revision a reader asked for. */
    public static class NotYetProjected extends RuntimeException {
        NotYetProjected(String profileId, long revision) {
            super("Profile '" + profileId + "' has not reached revision " + revision + " yet; retry shortly");
        }
    }

    /** Thrown when no profile has the id. */
    public static class UnknownProfile extends RuntimeException {
        UnknownProfile(String profileId) {
            super("No profile '" + profileId + "'");
        }
    }

    public List<ProfileSummary> list() {
        return profiles.list();
    }

    public CurrentProfiles.Stored current(String profileId, Long minRevision) {
        Optional<CurrentProfiles.Stored> stored = profiles.find(profileId);
        if (stored.isPresent() && (minRevision == null || stored.get().revision() >= minRevision)) {
            return stored.get();
        }
        if (stored.isEmpty() && eventStore.lastSequenceNumberFor(profileId).isEmpty()) {
            throw new UnknownProfile(profileId);
        }
        long wanted = minRevision == null ? 1 : minRevision;
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (System.nanoTime() < deadline) {
            sleep();
            stored = profiles.find(profileId);
            if (stored.isPresent() && stored.get().revision() >= wanted) {
                return stored.get();
            }
        }
        throw new NotYetProjected(profileId, wanted);
    }

    /** The content of a profile, as an export holds it, once the projection has {@code minRevision}. */
    public ProfileDocument document(String profileId, Long minRevision) {
        current(profileId, minRevision);
        return profiles.load(profileId).orElseThrow(() -> new UnknownProfile(profileId)).sheet().toDocument();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the projection", e);
        }
    }
}
