package io.palimpsest.editing;

import io.palimpsest.model.ClaimDocument;
import io.palimpsest.model.ClaimKind;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.Fact;
import io.palimpsest.model.ProfileCommand.RevertProfile;
import io.palimpsest.model.ProfileCommand.ReviseClaim;
import io.palimpsest.model.ProfileDocument;
import io.palimpsest.model.ProfileEvent.ClaimRevised;
import io.palimpsest.model.ProfileEvent.FactSet;
import io.palimpsest.model.ProfileEvent.ProfileReverted;
import io.palimpsest.model.ProfileEvent.SourceUncited;
import io.palimpsest.model.SectionDocument;
import io.palimpsest.model.api.EditResult;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.palimpsest.editing.ProfileFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Reverts: a claim's earlier text brought back, and a whole profile brought back to an earlier revision. */
class RevertTest {

    private FixtureConfiguration<Profile> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    @Test
    void aRevisionBackToAnEarlierTextIsMarkedAsRevert() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "A newer text."), BOB))
                .when(new ReviseClaim(PROFILE, new EditNote(2L, "undo", null), "c2",
                        "The quick brown fox jumps over the lazy dog.", null, null), AS_ALICE)
                .expectEvents(new ClaimRevised(PROFILE, 3, "c2", "The quick brown fox jumps over the lazy dog.", null,
                        List.of(), 2, false, ClaimRevised.Origin.REVERT));
    }

    @Test
    void aRevisionToNewTextIsAnEdit() {
        fixture.given(imported())
                .when(new ReviseClaim(PROFILE, at(1), "c2", "Brand new.", null, null), AS_ALICE)
                .expectEvents(new ClaimRevised(PROFILE, 2, "c2", "Brand new.", null, List.of(), 1, false,
                        ClaimRevised.Origin.EDIT));
    }

    @Test
    void revertsTheWholeProfileAsOneNewRevision() {
        fixture.given(imported(), byEditor(1, new FactSet(PROFILE, 2, "HQ", "Paris"), BOB),
                        byEditor(2, new SourceUncited(PROFILE, 3, "c1", "s1"), BOB))
                .when(new RevertProfile(PROFILE, new EditNote(3L, "back to the import", null), 1, DOCUMENT), AS_ALICE)
                .expectEvents(new ProfileReverted(PROFILE, 4, 1, DOCUMENT))
                .expectResultMessagePayload(new EditResult(PROFILE, 4, null));
    }

    @Test
    void foldingARevertLeavesExactlyTheEarlierContent() {
        ProfileDocument smaller = new ProfileDocument(DOCUMENT.identity(), List.of(new Fact("Founded", "2020")),
                List.of(new SectionDocument("what-they-do", "What They Do", List.of(
                        new ClaimDocument("c2", ClaimKind.PARAGRAPH, null, "Old.", List.of(), List.of(), null)),
                        List.of())), DOCUMENT.sources(), List.of());
        ProfileSheet sheet = new ProfileSheet();
        sheet.apply(imported().getPayload(), ALICE);
        sheet.apply(new FactSet(PROFILE, 2, "HQ", "Paris"), BOB);
        sheet.apply(new ProfileReverted(PROFILE, 3, 1, smaller), ALICE);

        assertThat(sheet.toDocument()).isEqualTo(smaller);
        assertThat(sheet.findClaim("c1")).isEmpty();
        assertThat(sheet.revision()).isEqualTo(3);
    }

    @Test
    void refusesARevertComputedAgainstAStaleRevision() {
        fixture.given(imported(), byEditor(1, new FactSet(PROFILE, 2, "HQ", "Paris"), BOB))
                .when(new RevertProfile(PROFILE, at(1), 1, DOCUMENT), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Profile 'acme' changed since revision 1; its current revision is 2")
                .expectNoEvents();
    }

    @Test
    void refusesARevertToARevisionThatIsNotEarlier() {
        fixture.given(imported(), byEditor(1, new FactSet(PROFILE, 2, "HQ", "Paris"), BOB))
                .when(new RevertProfile(PROFILE, at(2), 2, DOCUMENT), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectNoEvents();
    }

    @Test
    void aRevertToWhatIsAlreadyThereChangesNothing() {
        fixture.given(imported(), byEditor(1, new FactSet(PROFILE, 2, "HQ", "London"), BOB))
                .when(new RevertProfile(PROFILE, at(2), 1, DOCUMENT), AS_ALICE)
                .expectNoEvents()
                .expectResultMessagePayload(new EditResult(PROFILE, 2, null));
    }
}
