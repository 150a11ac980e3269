package io.palimpsest.editing;

import io.palimpsest.model.EditNote;
import io.palimpsest.model.ProfileCommand;
import io.palimpsest.model.ProfileCommand.*;
import io.palimpsest.model.ProfileEvent.*;
import io.palimpsest.model.api.EditResult;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.palimpsest.editing.ProfileFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.predicate;

/** {@link ApproveChange} and {@link RejectChange}: who may review which change, and what a rejection takes back. */
class ReviewDecisionsTest {

    private static final String CAROL = "carol";
    private static final Map<String, Object> AS_CAROL = Map.of("editor", CAROL);
    private static final String FOX = "The quick brown fox jumps over the lazy dog.";

    private FixtureConfiguration<Profile> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    private static ApproveChange approve(long revision) {
        return new ApproveChange(PROFILE, EditNote.NONE, revision);
    }

    private static RejectChange reject(long revision, ProfileCommand... undo) {
        return new RejectChange(PROFILE, EditNote.NONE, revision, "Unsourced", List.of(undo));
    }

    @Test
    void anotherEditorsChangeIsApprovedAsARevisionOfItsOwn() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "A slow fox."), BOB))
                .when(approve(2), AS_CAROL)
                .expectEvents(new ChangeApproved(PROFILE, 3, 2))
                .expectResultMessagePayload(EditResult.at(PROFILE, 3));
    }

    @Test
    void nobodyReviewsTheirOwnChange() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "A slow fox."), BOB))
                .when(approve(2), AS_BOB)
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof ProfileRejection r
                        && r.kind() == ProfileRejection.Kind.FORBIDDEN))
                .expectExceptionMessage("Nobody reviews their own change: revision 2 is yours; another reviewer "
                        + "must review it");
    }

    @Test
    void aChangeIsReviewedOnceAndTheSecondReviewerIsToldByWhom() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "A slow fox."), BOB),
                        byEditor(2, new ChangeApproved(PROFILE, 3, 2), CAROL))
                .when(reject(2, new ReviseClaim(PROFILE, at(2), "c2", FOX, null, List.of())), AS_ALICE)
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof ProfileRejection r
                        && r.kind() == ProfileRejection.Kind.CONFLICT))
                .expectExceptionMessage("The change of revision 2 was already approved by carol");
    }

    @Test
    void aReviewIsNoChangeToReview() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "A slow fox."), BOB),
                        byEditor(2, new ChangeApproved(PROFILE, 3, 2), CAROL))
                .when(approve(3), AS_ALICE)
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof ProfileRejection r
                        && r.kind() == ProfileRejection.Kind.INVALID))
                .expectExceptionMessage("Revision 3 of profile 'acme' is not a change awaiting review: it is a "
                        + "review or a suggestion, or more than 1000 revisions old");
    }

    @Test
    void aRevisionTheProfileDoesNotHaveIsNotFound() {
        fixture.given(imported())
                .when(approve(7), AS_BOB)
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof ProfileRejection r
                        && r.kind() == ProfileRejection.Kind.NOT_FOUND));
    }

    @Test
    void aChangeOlderThanTheReviewWindowHasExpired() {
        List<Object> history = new ArrayList<>(List.of(imported()));
        for (int revision = 2; revision <= Profile.REVIEW_WINDOW + 2; revision++) {
            history.add(byEditor(revision - 1, new FactSet(PROFILE, revision, "Count", "n" + revision), BOB));
        }
        fixture.given(history)
                .when(approve(2), AS_CAROL)
                .expectNoEvents()
                .expectException(ProfileRejection.class);
    }

    @Test
    void aRejectionTakesTheChangeBackAndIsRecordedInTheSameRevision() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "A slow fox."), BOB))
                .when(reject(2, new ReviseClaim(PROFILE, at(2), "c2", FOX, null, List.of())), AS_CAROL)
                .expectEvents(new ClaimRevised(PROFILE, 3, "c2", FOX, null, List.of(), 2, false,
                                ClaimRevised.Origin.REVERT),
                        new ChangeRejected(PROFILE, 3, 2, "Unsourced"))
                .expectEventsMatching(exactSequenceOf(unflagged(), unflagged()));
    }

    @Test
    void aRejectionMergesWithALaterDisjointEditOfTheSameClaim() {
        fixture.given(imported(),
                        byEditor(1, new ClaimRevised(PROFILE, 2, "c2", "The quick red fox jumps over the lazy dog.",
                                null, List.of(), 1, false), BOB),
                        byEditor(2, new ClaimRevised(PROFILE, 3, "c2", "The quick red fox jumps over the lazy cat.",
                                null, List.of(), 2, false), ALICE))
                .when(reject(2, new ReviseClaim(PROFILE, at(2), "c2", FOX, null, List.of())), AS_CAROL)
                .expectEvents(new ClaimRevised(PROFILE, 4, "c2", "The quick brown fox jumps over the lazy cat.",
                                null, List.of(), 2, true),
                        new ChangeRejected(PROFILE, 4, 2, "Unsourced"));
    }

    @Test
    void aRejectionThatALaterEditOverlapsIsRefusedNamingBothTexts() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "A slow fox."), BOB),
                        byEditor(2, new ClaimRevised(PROFILE, 3, "c2", "A slow grey fox.", null, List.of(), 2, false),
                                ALICE))
                .when(reject(2, new ReviseClaim(PROFILE, at(2), "c2", FOX, null, List.of())), AS_CAROL)
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof ProfileRejection r
                        && r.kind() == ProfileRejection.Kind.CONFLICT && r.details().get("change").equals(0)
                        && r.details().get("currentText").equals("A slow grey fox.")));
    }

    @Test
    void aRejectionNeedsAReason() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "A slow fox."), BOB))
                .when(new RejectChange(PROFILE, EditNote.NONE, 2, " ",
                        List.of(new ReviseClaim(PROFILE, at(2), "c2", FOX, null, List.of()))), AS_CAROL)
                .expectNoEvents()
                .expectExceptionMessage("The reason for rejecting must not be blank");
    }

    @Test
    void anUndoMustBeBasedOnTheRejectedRevision() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "A slow fox."), BOB))
                .when(reject(2, new ReviseClaim(PROFILE, at(1), "c2", FOX, null, List.of())), AS_CAROL)
                .expectNoEvents()
                .expectExceptionMessage("Undo edit 0 must edit profile 'acme' based on revision 2");
    }

    @Test
    void aRetriedReviewAnswersAsTheFirstAndChangesNothing() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "A slow fox."), BOB),
                        new org.axonframework.eventhandling.GenericDomainEventMessage<>("Profile", PROFILE, 2,
                                new ChangeApproved(PROFILE, 3, 2),
                                org.axonframework.messaging.MetaData.from(Map.of("editor", CAROL, "commandId", "r1"))))
                .when(new ApproveChange(PROFILE, new EditNote(null, null, "r1"), 2), AS_CAROL)
                .expectNoEvents()
                .expectResultMessagePayload(EditResult.at(PROFILE, 3));
    }

    @Test
    void aReviewCannotBePartOfABatch() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "A slow fox."), BOB))
                .when(new ApplyChanges(PROFILE, at(2), List.of(approve(2))), AS_CAROL)
                .expectNoEvents()
                .expectException(ProfileRejection.class);
    }

    // ---- risk flags ----

    @Test
    void aRevisedClaimThatCitesNothingIsFlagged() {
        fixture.given(imported())
                .when(new ReviseClaim(PROFILE, at(1), "c2", "The quick brown fox sleeps over the lazy dog.", null,
                        null), AS_BOB)
                .expectEventsMatching(exactSequenceOf(flagged("uncited-claim")));
    }

    @Test
    void aClaimLosingItsLastCitationIsFlagged() {
        fixture.given(imported())
                .when(new UnciteSource(PROFILE, at(1), "c1", "s1"), AS_BOB)
                .expectEventsMatching(exactSequenceOf(flagged("citation-lost")));
    }

    @Test
    void aSourceWhoseUrlChangesIsFlagged() {
        fixture.given(imported())
                .when(new EditSource(PROFILE, at(1), "s1", "Annual report", "https://elsewhere.example/r",
                        "acme.example"), AS_BOB)
                .expectEventsMatching(exactSequenceOf(flagged("source-url-changed")));
    }

    @Test
    void aRetractedClaimAndATextCutByMoreThanHalfAreLargeDeletions() {
        fixture.given(imported())
                .when(new RetractClaim(PROFILE, at(1), "c1"), AS_BOB)
                .expectEventsMatching(exactSequenceOf(flagged("large-deletion")));
        fixture.given(imported())
                .when(new ReviseClaim(PROFILE, at(1), "c1", "They study.", null, null), AS_BOB)
                .expectEventsMatching(exactSequenceOf(flagged("large-deletion")));
    }

    @Test
    void revertingAnotherEditorsTextIsFlagged() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "A slow fox."), BOB))
                .when(new ReviseClaim(PROFILE, at(2), "c2", FOX, null, null), AS_ALICE)
                .expectEventsMatching(exactSequenceOf(flagged("reverts-others")));
    }

    @Test
    void aNewClaimThatIsItselfALinkNeedsNoCitation() {
        fixture.given(imported())
                .when(new AddClaim(PROFILE, at(1), "what-they-do", "c9", io.palimpsest.model.ClaimKind.BULLET, null,
                        "Their reading list.", List.of(), List.of(), "https://acme.example/reading", null), AS_BOB)
                .expectEventsMatching(exactSequenceOf(unflagged()));
    }

    @Test
    void anEditWithoutRiskCarriesNoFlags() {
        fixture.given(imported())
                .when(new ReviseClaim(PROFILE, at(1), "c1", "They study how models behave.", null, null), AS_BOB)
                .expectEventsMatching(exactSequenceOf(unflagged()));
    }

    @SuppressWarnings("unchecked")
    private static org.hamcrest.Matcher<EventMessage<?>> flagged(String code) {
        return predicate(event -> event.getMetaData().get(Profile.FLAGS) instanceof List<?> flags
                && ((List<Map<String, Object>>) flags).stream().map(flag -> flag.get("code")).toList()
                .equals(List.of(code)));
    }

    private static org.hamcrest.Matcher<EventMessage<?>> unflagged() {
        return predicate(event -> !event.getMetaData().containsKey(Profile.FLAGS));
    }

    @Test
    void flagsAreTheSentencesAReviewerReads() {
        assertThat(ChangeRisks.of(sheetOf(), List.of(new SourceUncited(PROFILE, 2, "c1", "s1")), BOB))
                .extracting(flag -> flag.sentence())
                .containsExactly("Claim c1 lost its last citation (s1)");
    }

    private static ProfileSheet sheetOf() {
        ProfileSheet sheet = new ProfileSheet();
        sheet.apply(new ProfileImported(PROFILE, 1, DOCUMENT), ALICE);
        return sheet;
    }
}
