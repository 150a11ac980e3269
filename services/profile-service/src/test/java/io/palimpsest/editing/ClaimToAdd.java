package io.palimpsest.editing;

import io.palimpsest.model.ClaimKind;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.ProfileCommand.AddClaim;

import java.util.List;

/**
 * An {@link AddClaim} for a test that names only what it is about: by default a bullet with no id, label, items,
 * citations or URL, appended to its section, edited against revision 1 of {@link ProfileFixtures#imported()}.
 */
final class ClaimToAdd {

    private final String sectionId;
    private final String text;
    private EditNote note = ProfileFixtures.at(1);
    private String claimId;
    private ClaimKind kind = ClaimKind.BULLET;
    private List<String> citations;
    private Integer position;

    private ClaimToAdd(String sectionId, String text) {
        this.sectionId = sectionId;
        this.text = text;
    }

    static ClaimToAdd addClaim(String sectionId, String text) {
        return new ClaimToAdd(sectionId, text);
    }

    ClaimToAdd withId(String claimId) {
        this.claimId = claimId;
        return this;
    }

    ClaimToAdd ofKind(ClaimKind kind) {
        this.kind = kind;
        return this;
    }

    ClaimToAdd citing(String... sourceIds) {
        this.citations = List.of(sourceIds);
        return this;
    }

    ClaimToAdd atPosition(int position) {
        this.position = position;
        return this;
    }

    ClaimToAdd noted(EditNote note) {
        this.note = note;
        return this;
    }

    AddClaim command() {
        return new AddClaim(ProfileFixtures.PROFILE, note, sectionId, claimId, kind, null, text, null, citations, null,
                position);
    }
}
