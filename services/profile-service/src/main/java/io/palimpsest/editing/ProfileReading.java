package io.palimpsest.editing;

import io.palimpsest.model.ProfileDocument;
import io.palimpsest.model.api.ProfileSummary;
import io.palimpsest.model.api.RetractedClaim;
import io.palimpsest.model.api.Suggestions;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of the current-profile model, with read-your-writes: a read waits until the projection has folded in every
 * revision of the profile acknowledged on this node ({@link AcknowledgedEdits}), and a reader may name a revision
 * it wants at least ({@code minRevision}, a write made through another node); otherwise it is told to retry. A
 * profile the event store has but the projection not yet (just created elsewhere) is waited for too, so "not found"
 * always means the profile does not exist. While the read model is rebuilt, a profile is folded from the event store.
 */
@Service
public class ProfileReading {

    private final CurrentProfiles profiles;
    private final EventStore eventStore;
    private final AcknowledgedEdits acknowledged;
    private final ReadModelRebuilds rebuilds;

    ProfileReading(CurrentProfiles profiles, EventStore eventStore, AcknowledgedEdits acknowledged,
                   ReadModelRebuilds rebuilds) {
        this.profiles = profiles;
        this.eventStore = eventStore;
        this.acknowledged = acknowledged;
        this.rebuilds = rebuilds;
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

    /**
     * Every profile, once those acknowledged on this node are in the list as acknowledged; while the read model is
     * rebuilt, a refusal that says so rather than the profiles rebuilt so far.
     */
    public List<ProfileSummary> list() {
        awaitEveryAcknowledgedEdit("The list of profiles");
        return profiles.list();
    }

    /**
     * Returns once the read model (and the {@link DerivedReadModel}s written with it) holds every edit acknowledged on
     * this node, for a read across all profiles; while the read model is rebuilt, refuses: {@code what} would be
     * missing profiles.
     */
    public void awaitEveryAcknowledgedEdit(String what) {
        rebuilds.requireCurrentProfilesWhole(what);
        for (String profileId : acknowledged.profilesAwaited(AcknowledgedEdits.ReadModel.CURRENT_PROFILES)) {
            acknowledged.await(AcknowledgedEdits.ReadModel.CURRENT_PROFILES, profileId, 0,
                    profiles.revision(profileId), () -> profiles.revision(profileId));
        }
    }

    /** The profile, from the read model; while that is rebuilt, folded from the event store. */
    public CurrentProfiles.Stored current(String profileId, long minRevision) {
        if (rebuilds.currentProfilesRebuilding()) {
            return profiles.stored(latest(profileId, minRevision));
        }
        Optional<CurrentProfiles.Stored> stored = profiles.find(profileId);
        if (stored.isEmpty() && eventStore.lastSequenceNumberFor(profileId).isEmpty()) {
            throw new UnknownProfile(profileId);
        }
        long held = stored.map(CurrentProfiles.Stored::revision).orElse(0L);
        long reached = acknowledged.await(AcknowledgedEdits.ReadModel.CURRENT_PROFILES, profileId,
                Math.max(1, minRevision), held, () -> profiles.revision(profileId));
        return reached == held ? stored.get() : profiles.find(profileId).orElseThrow();
    }

    /** The content of a profile, as an export holds it, once the projection has {@code minRevision}. */
    public ProfileDocument document(String profileId, long minRevision) {
        return sheet(profileId, minRevision).toDocument();
    }

    /** The claims retracted from the profile's sections, once the projection has {@code minRevision}. */
    public List<RetractedClaim> retractedClaims(String profileId, long minRevision) {
        return sheet(profileId, minRevision).retractedClaims();
    }

    /** The section each claim of the profile sits in now (retracted claims too), by claim id. */
    public Map<String, String> claimSections(String profileId, long minRevision) {
        return sheet(profileId, minRevision).claimSections();
    }

    /** The profile's open suggestions and whether it is in suggestion mode, once the projection has {@code minRevision}. */
    public Suggestions suggestions(String profileId, long minRevision) {
        return SuggestionViews.of(sheet(profileId, minRevision));
    }

    private ProfileSheet sheet(String profileId, long minRevision) {
        if (rebuilds.currentProfilesRebuilding()) {
            return latest(profileId, minRevision);
        }
        current(profileId, minRevision);
        return profiles.load(profileId).orElseThrow(() -> new UnknownProfile(profileId)).sheet();
    }

    private ProfileSheet latest(String profileId, long minRevision) {
        ProfileSheet sheet = profiles.foldToLatest(profileId).orElseThrow(() -> new UnknownProfile(profileId));
        if (sheet.revision() < minRevision) {
            throw new NotYetProjected(profileId, minRevision);
        }
        return sheet;
    }
}
