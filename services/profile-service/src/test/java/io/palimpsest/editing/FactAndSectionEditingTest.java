package io.palimpsest.editing;

import io.palimpsest.model.Identity;
import io.palimpsest.model.ProfileCommand.*;
import io.palimpsest.model.ProfileEvent.*;
import io.palimpsest.model.api.EditResult;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.palimpsest.editing.ProfileFixtures.*;

class FactAndSectionEditingTest {

    private FixtureConfiguration<Profile> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    @Test
    void revisesTheIdentity() {
        Identity renamed = new Identity("Acme AI Safety Institute", "AASI", "Research", "Careful people, since 2019.");
        fixture.given(imported())
                .when(new ReviseIdentity(PROFILE, at(1), renamed), AS_ALICE)
                .expectEvents(new IdentityRevised(PROFILE, 2, renamed));
    }

    @Test
    void anIdentityRevisedToWhatItIsChangesNothing() {
        fixture.given(imported())
                .when(new ReviseIdentity(PROFILE, at(1), DOCUMENT.identity()), AS_ALICE)
                .expectNoEvents()
                .expectResultMessagePayload(new EditResult(PROFILE, 1, null));
    }

    @Test
    void rejectsAnIdentityWithoutAName() {
        fixture.given(imported())
                .when(new ReviseIdentity(PROFILE, at(1), new Identity(" ", "Acme", "Research", null)), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("The name must not be blank");
    }

    @Test
    void rejectsAStaleRevisionOfTheIdentityChangedSince() {
        Identity bobs = new Identity("Acme Institute", "Acme", "Research", null);
        fixture.given(imported(), byEditor(1, new IdentityRevised(PROFILE, 2, bobs), BOB))
                .when(new ReviseIdentity(PROFILE, at(1), new Identity("Acme Lab", null, null, null)), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("The identity changed since revision 1: revision 2 by bob");
    }

    @Test
    void setsANewFact() {
        fixture.given(imported())
                .when(new SetFact(PROFILE, at(1), "Model", "Grants"), AS_ALICE)
                .expectEvents(new FactSet(PROFILE, 2, "Model", "Grants"));
    }

    @Test
    void rejectsAStaleChangeOfAFactChangedSince() {
        fixture.given(imported(), byEditor(1, new FactSet(PROFILE, 2, "HQ", "Paris"), BOB))
                .when(new SetFact(PROFILE, at(1), "HQ", "Berlin"), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("The fact 'HQ' changed since revision 1: revision 2 by bob");
    }

    @Test
    void appliesAStaleChangeOfAnotherFact() {
        fixture.given(imported(), byEditor(1, new FactSet(PROFILE, 2, "HQ", "Paris"), BOB))
                .when(new SetFact(PROFILE, at(1), "Founded", "2019"), AS_ALICE)
                .expectEvents(new FactSet(PROFILE, 3, "Founded", "2019"));
    }

    @Test
    void rejectsABlankFactValue() {
        fixture.given(imported())
                .when(new SetFact(PROFILE, at(1), "HQ", ""), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("The fact value must not be blank");
    }

    @Test
    void removesAFact() {
        fixture.given(imported())
                .when(new RemoveFact(PROFILE, at(1), "HQ"), AS_ALICE)
                .expectEvents(new FactRemoved(PROFILE, 2, "HQ"));
    }

    @Test
    void rejectsRemovingAnUnknownFact() {
        fixture.given(imported())
                .when(new RemoveFact(PROFILE, at(1), "Budget"), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Profile 'acme' has no fact 'Budget'");
    }

    @Test
    void addsASectionWithASlugIdAndReturnsIt() {
        fixture.given(imported())
                .when(new AddSection(PROFILE, at(1), null, "What's Absent", null, null), AS_ALICE)
                .expectEvents(new SectionAdded(PROFILE, 2, "whats-absent", "What's Absent", null, 2))
                .expectResultMessagePayload(new EditResult(PROFILE, 2, "whats-absent"));
    }

    @Test
    void addsASubsection() {
        fixture.given(imported())
                .when(new AddSection(PROFILE, at(1), "risks", "Risks", "analysis", 0), AS_ALICE)
                .expectEvents(new SectionAdded(PROFILE, 2, "risks", "Risks", "analysis", 0));
    }

    @Test
    void rejectsASectionIdThatExists() {
        fixture.given(imported())
                .when(new AddSection(PROFILE, at(1), "analysis", "Other", null, null), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Profile 'acme' already has a section 'analysis'");
    }

    @Test
    void rejectsASubsectionOfASubsection() {
        fixture.given(imported())
                .when(new AddSection(PROFILE, at(1), null, "Deeper", "strengths", null), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Sections nest one level deep; 'strengths' is a subsection");
    }

    @Test
    void renamesASection() {
        fixture.given(imported())
                .when(new RenameSection(PROFILE, at(1), "analysis", "Our analysis"), AS_ALICE)
                .expectEvents(new SectionRenamed(PROFILE, 2, "analysis", "Our analysis"));
    }

    @Test
    void rejectsRenamingAnUnknownSection() {
        fixture.given(imported())
                .when(new RenameSection(PROFILE, at(1), "nowhere", "X"), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Profile 'acme' has no section 'nowhere'");
    }

    @Test
    void movesASection() {
        fixture.given(imported())
                .when(new MoveSection(PROFILE, at(1), "analysis", 0), AS_ALICE)
                .expectEvents(new SectionMoved(PROFILE, 2, "analysis", 0));
    }

    @Test
    void rejectsMovingASectionOutOfRange() {
        fixture.given(imported())
                .when(new MoveSection(PROFILE, at(1), "analysis", 2), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Position 2 is outside 0..1");
    }

    @Test
    void rejectsRemovingASectionThatStillHasClaims() {
        fixture.given(imported())
                .when(new RemoveSection(PROFILE, at(1), "what-they-do"), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Section 'what-they-do' still has claims or subsections; move or retract them first");
    }

    @Test
    void removesASectionWhoseClaimsAreAllRetracted() {
        fixture.given(imported(), byEditor(1, new ClaimRetracted(PROFILE, 2, "c3"), BOB))
                .when(new RemoveSection(PROFILE, at(2), "strengths"), AS_ALICE)
                .expectEvents(new SectionRemoved(PROFILE, 3, "strengths"));
    }
}
