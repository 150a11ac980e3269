package io.palimpsest.streams;

import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.ProfileEvent.*;

/**
 * The section, claim and source an event names, which stream filters and watches match on. Only what the event
 * itself says: a revision of a claim names the claim, not the section it sits in (that would need the profile as it
 * was at that revision). A profile-wide event (creation, import, revert, identity, a review) and facts and connections
 * name none.
 */
public record ChangeSubject(String sectionId, String claimId, String sourceId) {

    private static final ChangeSubject PROFILE = new ChangeSubject(null, null, null);

    public static ChangeSubject of(ProfileEvent event) {
        if (event instanceof ProfileCreated || event instanceof ProfileImported || event instanceof ProfileReverted
                || event instanceof IdentityRevised || event instanceof FactSet || event instanceof FactRemoved
                || event instanceof ConnectionAdded || event instanceof ConnectionRemoved
                || event instanceof ChangeApproved || event instanceof ChangeRejected
                || event instanceof ChangesUndone
                || event instanceof SuggestionModeSwitched || event instanceof EditSuggested
                || event instanceof SuggestionAmended || event instanceof SuggestionAccepted
                || event instanceof SuggestionDeclined || event instanceof SuggestionWithdrawn) {
            return PROFILE;
        } else if (event instanceof SectionAdded e) {
            return section(e.sectionId());
        } else if (event instanceof SectionRenamed e) {
            return section(e.sectionId());
        } else if (event instanceof SectionMoved e) {
            return section(e.sectionId());
        } else if (event instanceof SectionRemoved e) {
            return section(e.sectionId());
        } else if (event instanceof ClaimAdded e) {
            return new ChangeSubject(e.sectionId(), e.claimId(), null);
        } else if (event instanceof ClaimMoved e) {
            return new ChangeSubject(e.sectionId(), e.claimId(), null);
        } else if (event instanceof ClaimRevised e) {
            return claim(e.claimId());
        } else if (event instanceof ClaimRetracted e) {
            return claim(e.claimId());
        } else if (event instanceof ClaimRestored e) {
            return claim(e.claimId());
        } else if (event instanceof SourceCited e) {
            return new ChangeSubject(null, e.claimId(), e.sourceId());
        } else if (event instanceof SourceUncited e) {
            return new ChangeSubject(null, e.claimId(), e.sourceId());
        } else if (event instanceof SourceAdded e) {
            return source(e.source().id());
        } else if (event instanceof SourceEdited e) {
            return source(e.source().id());
        } else if (event instanceof SourceRemoved e) {
            return source(e.sourceId());
        }
        throw new IllegalArgumentException("Unknown event " + event.getClass());
    }

    private static ChangeSubject section(String sectionId) {
        return new ChangeSubject(sectionId, null, null);
    }

    private static ChangeSubject claim(String claimId) {
        return new ChangeSubject(null, claimId, null);
    }

    private static ChangeSubject source(String sourceId) {
        return new ChangeSubject(null, null, sourceId);
    }
}
