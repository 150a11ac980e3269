package io.palimpsest.editing;

import io.palimpsest.model.ProfileDocument;
import io.palimpsest.model.api.ProfileSummary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads of the current-profile model, with read-your-writes: a reader that names the revision its
 * write produced waits until the projection has folded it in, or is told to retry.
 */
@Service
public class ProfileReading {

    private static final long POLL_MILLIS = 5;

    private final CurrentProfiles profiles;
    private final Duration maxWait;

    ProfileReading(CurrentProfiles profiles, @Value("${palimpsest.read.max-wait:PT3S}") Duration maxWait) {
        this.profiles = profiles;
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
        if (minRevision == null) {
            return profiles.find(profileId).orElseThrow(() -> new UnknownProfile(profileId));
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            Optional<CurrentProfiles.Stored> stored = profiles.find(profileId);
            if (stored.isPresent() && stored.get().revision() >= minRevision) {
                return stored.get();
            }
            if (System.nanoTime() > deadline) {
                throw stored.isPresent() ? new NotYetProjected(profileId, minRevision) : new UnknownProfile(profileId);
            }
            sleep();
        }
    }

    /** The current content of a profile, as an export holds it. */
    public ProfileDocument document(String profileId) {
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
