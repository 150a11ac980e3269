package io.palimpsest.editing;

import io.palimpsest.editing.ProfileSheet.Claim;
import io.palimpsest.model.ProfileCommand;
import io.palimpsest.model.ProfileCommand.*;
import io.palimpsest.model.api.SuggestionView;
import io.palimpsest.model.api.Suggestions;

import java.util.Optional;

/**
 * Open suggestions as readers see them, against the profile as it is now: what each is attached to (the claim or
 * section its edit touches, else the profile), and for an edit of a text the text now beside the one suggested.
 */
final class SuggestionViews {

    private SuggestionViews() {
    }

    static Suggestions of(ProfileSheet sheet) {
        return new Suggestions(sheet.id(), sheet.revision(), sheet.suggesting(),
                sheet.suggestions().stream().map(suggestion -> view(sheet, suggestion)).toList());
    }

    private static SuggestionView view(ProfileSheet sheet, Suggestion suggestion) {
        ProfileCommand edit = suggestion.edit();
        ProfileCommand first = edit instanceof ApplyChanges changes ? changes.parts().get(0) : edit;
        Attached at = attachment(sheet, first);
        String describes = edit instanceof ApplyChanges changes
                ? changes.parts().size() + " changes, the first: " + words(first) + at.named()
                : words(edit) + at.named();
        return new SuggestionView(suggestion.id(), suggestion.author(), suggestion.revision(),
                edit.note().baseRevision(), edit.note().summary(), edit.getClass().getSimpleName(), describes,
                at.claimId(), at.sectionId(), at.currentText(), at.suggestedText());
    }

    /** What an edit is attached to, and the texts it changes. */
    private record Attached(String claimId, String sectionId, String currentText, String suggestedText) {

        static final Attached PROFILE = new Attached(null, null, null, null);

        String named() {
            return claimId != null ? " " + claimId : sectionId != null ? " in section " + sectionId : "";
        }
    }

    private static Attached attachment(ProfileSheet sheet, ProfileCommand edit) {
        if (edit instanceof ReviseClaim e) {
            return claim(sheet, e.claimId(), e.text());
        } else if (edit instanceof MoveClaim e) {
            return claim(sheet, e.claimId(), null);
        } else if (edit instanceof RetractClaim e) {
            return claim(sheet, e.claimId(), null);
        } else if (edit instanceof RestoreClaim e) {
            return claim(sheet, e.claimId(), null);
        } else if (edit instanceof CiteSource e) {
            return claim(sheet, e.claimId(), null);
        } else if (edit instanceof UnciteSource e) {
            return claim(sheet, e.claimId(), null);
        } else if (edit instanceof AddClaim e) {
            return new Attached(null, e.sectionId(), null, e.text());
        } else if (edit instanceof AddSection e) {
            return new Attached(null, e.parentSectionId(), null, e.title());
        } else if (edit instanceof RenameSection e) {
            return new Attached(null, e.sectionId(), sheet.findSection(e.sectionId()).map(s -> s.title).orElse(null),
                    e.title());
        } else if (edit instanceof MoveSection e) {
            return new Attached(null, e.sectionId(), null, null);
        } else if (edit instanceof RemoveSection e) {
            return new Attached(null, e.sectionId(), null, null);
        }
        return Attached.PROFILE;
    }

    private static Attached claim(ProfileSheet sheet, String claimId, String suggestedText) {
        Optional<Claim> claim = sheet.findClaim(claimId);
        return new Attached(claimId, claim.map(c -> c.sectionId).orElse(null), claim.map(c -> c.text).orElse(null),
                suggestedText);
    }

    /** {@code ReviseClaim} as "revise claim". */
    private static String words(ProfileCommand edit) {
        return edit.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    }
}
