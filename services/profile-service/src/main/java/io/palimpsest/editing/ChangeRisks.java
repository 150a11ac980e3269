package io.palimpsest.editing;

import io.palimpsest.common.CitationRule;
import io.palimpsest.editing.ProfileSheet.Change;
import io.palimpsest.editing.ProfileSheet.Claim;
import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.ProfileEvent.*;
import io.palimpsest.model.RiskFlag;
import io.palimpsest.model.Source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The risks a reviewer should see in an edit, judged against the profile as it was before the edit's events: what
 * a patroller looks for first. They are decided with the edit and stored with its events, so the patrol queue and a
 * rebuild of it read the same flags. What depends on the editor's record across profiles (first changes, bursts) is
 * judged by the review read model, which sees every profile.
 */
final class ChangeRisks {

    static final String UNCITED = "uncited-claim";
    static final String CITATION_LOST = "citation-lost";
    static final String SOURCE_URL_CHANGED = "source-url-changed";
    static final String SOURCE_REMOVED = "cited-source-removed";
    static final String LARGE_DELETION = "large-deletion";
    static final String REVERTS_OTHERS = "reverts-others";

    private ChangeRisks() {
    }

    /** The flags of {@code events}, each code once, in the order first found. */
    static List<RiskFlag> of(ProfileSheet before, List<ProfileEvent> events, String editor) {
        Map<String, RiskFlag> flags = new LinkedHashMap<>();
        for (ProfileEvent event : events) {
            flag(before, event, editor).ifPresent(flag -> flags.putIfAbsent(flag.code(), flag));
        }
        return List.copyOf(flags.values());
    }

    private static Optional<RiskFlag> flag(ProfileSheet before, ProfileEvent event, String editor) {
        if (event instanceof ClaimAdded e && e.citations().isEmpty() && CitationRule.needsCitation(e.url())) {
            return flag(UNCITED, "New claim " + e.claimId() + " cites no source");
        } else if (event instanceof ClaimRevised e) {
            return revised(before, e, editor);
        } else if (event instanceof SourceUncited e && before.findClaim(e.claimId())
                .filter(claim -> claim.citations.equals(List.of(e.sourceId()))).isPresent()) {
            return flag(CITATION_LOST, "Claim " + e.claimId() + " lost its last citation (" + e.sourceId() + ")");
        } else if (event instanceof SourceEdited e) {
            Optional<Source> was = before.findSource(e.source().id());
            if (was.isPresent() && !Objects.equals(was.get().url(), e.source().url())) {
                return flag(SOURCE_URL_CHANGED, "Source " + e.source().id() + "'s URL changed from "
                        + was.get().url() + " to " + e.source().url());
            }
        } else if (event instanceof SourceRemoved e && !before.claimsCiting(e.sourceId()).isEmpty()) {
            return flag(SOURCE_REMOVED, "Source " + e.sourceId() + ", still cited, was removed");
        } else if (event instanceof ClaimRetracted e) {
            return flag(LARGE_DELETION, "Claim " + e.claimId() + " was retracted");
        } else if (event instanceof SectionRemoved e) {
            return flag(LARGE_DELETION, "Section " + e.sectionId() + " was removed");
        } else if (event instanceof ProfileReverted e && revertsOthers(before, e.toRevision(), editor)) {
            return flag(REVERTS_OTHERS, "The profile was reverted to revision " + e.toRevision()
                    + ", undoing other editors' changes");
        }
        return Optional.empty();
    }

    private static Optional<RiskFlag> revised(ProfileSheet before, ClaimRevised revised, String editor) {
        Optional<Claim> was = before.findClaim(revised.claimId());
        if (was.isEmpty()) {
            return Optional.empty();
        }
        Claim claim = was.get();
        if (revised.text().length() * 2 < claim.text.length()) {
            return flag(LARGE_DELETION, "Claim " + claim.id + "'s text was cut from " + claim.text.length()
                    + " to " + revised.text().length() + " characters");
        }
        Optional<Change> last = before.lastChange(Touch.claimContent(claim.id));
        if (revised.origin() == ClaimRevised.Origin.REVERT
                && last.filter(change -> !Objects.equals(change.editor(), editor)).isPresent()) {
            return flag(REVERTS_OTHERS, "Claim " + claim.id + " was reverted, undoing " + last.get().editor()
                    + "'s revision " + last.get().revision());
        }
        if (claim.citations.isEmpty() && CitationRule.needsCitation(claim.url)) {
            return flag(UNCITED, "Revised claim " + claim.id + " cites no source");
        }
        return Optional.empty();
    }

    private static boolean revertsOthers(ProfileSheet before, long toRevision, String editor) {
        return before.changesAfter(toRevision).anyMatch(change -> !Objects.equals(change.editor(), editor));
    }

    private static Optional<RiskFlag> flag(String code, String sentence) {
        return Optional.of(new RiskFlag(code, sentence));
    }
}
