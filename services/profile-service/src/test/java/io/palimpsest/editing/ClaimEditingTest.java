package io.palimpsest.editing;

import io.palimpsest.model.ClaimKind;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.ProfileCommand.*;
import io.palimpsest.model.ProfileEvent.*;
import io.palimpsest.model.api.EditResult;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.palimpsest.editing.ClaimToAdd.addClaim;
import static io.palimpsest.editing.ProfileFixtures.*;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.predicate;

class ClaimEditingTest {

    private FixtureConfiguration<Profile> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    @Test
    void addsClaimAtTheEndOfItsSection() {
        fixture.given(imported())
                .when(addClaim("what-they-do", "New claim.").withId("c9").citing("s2")
                        .noted(new EditNote(1L, "add", null)).command(), AS_ALICE)
                .expectEvents(new ClaimAdded(PROFILE, 2, "what-they-do", "c9", ClaimKind.BULLET, null, "New claim.",
                        List.of(), List.of("s2"), null, 2))
                .expectResultMessagePayload(new EditResult(PROFILE, 2, "c9"));
    }

    @Test
    void givesANewClaimAnIdWhenTheEditorNamesNone() {
        fixture.given(imported())
                .when(addClaim("strengths", "Good funding.").ofKind(ClaimKind.NUMBERED).atPosition(0).command(), AS_ALICE)
                .expectEvents(new ClaimAdded(PROFILE, 2, "strengths", "c4", ClaimKind.NUMBERED, null, "Good funding.",
                        List.of(), List.of(), null, 0));
    }

    @Test
    void rejectsClaimInUnknownSection() {
        fixture.given(imported())
                .when(addClaim("nowhere", "x").command(), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Profile 'acme' has no section 'nowhere'")
                .expectNoEvents();
    }

    @Test
    void rejectsClaimCitingAMissingSource() {
        fixture.given(imported())
                .when(addClaim("what-they-do", "x").citing("s99").command(), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Profile 'acme' has no source 's99'");
    }

    @Test
    void rejectsDuplicateClaimId() {
        fixture.given(imported())
                .when(addClaim("what-they-do", "x").withId("c1").command(), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Profile 'acme' already has a claim 'c1'");
    }

    @Test
    void rejectsClaimAtAPositionOutsideTheSection() {
        fixture.given(imported())
                .when(addClaim("what-they-do", "x").atPosition(5).command(), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Position 5 is outside 0..2");
    }

    @Test
    void rejectsBlankClaimText() {
        fixture.given(imported())
                .when(addClaim("what-they-do", "  ").command(), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("The claim text must not be blank");
    }

    @Test
    void revisesClaimTextAndRecordsTheEditorSummaryAndCommandId() {
        fixture.given(imported())
                .when(new ReviseClaim(PROFILE, new EditNote(1L, "colour", "cmd-1"), "c2", "The quick red fox.", null,
                        null),
                        AS_ALICE)
                .expectEvents(new ClaimRevised(PROFILE, 2, "c2", "The quick red fox.", null, List.of(), 1, false))
                .expectResultMessagePayload(EditResult.at(PROFILE, 2))
                .expectEventsMatching(exactSequenceOf(predicate(event -> ((EventMessage<?>) event).getMetaData()
                        .withoutKeys(Set.of(Profile.FLAGS))
                        .equals(Map.of("editor", ALICE, "summary", "colour", "commandId", "cmd-1")))));
    }

    @Test
    void appliesAStaleEditWhenOnlyOtherClaimsChanged() {
        fixture.given(imported(), byEditor(1, new ClaimRevised(PROFILE, 2, "c1", "Changed.", "Research", List.of(),
                        1, false), BOB))
                .when(new ReviseClaim(PROFILE, at(1), "c2", "A different sentence.", null, null), AS_ALICE)
                .expectEvents(new ClaimRevised(PROFILE, 3, "c2", "A different sentence.", null, List.of(), 1, false));
    }

    @Test
    void mergesNonOverlappingChangesToTheSameClaim() {
        fixture.given(imported(),
                        byEditor(1, revisedByBob(2, "The quick brown fox jumps over the sleepy dog."), BOB))
                .when(new ReviseClaim(PROFILE, at(1), "c2", "The slow brown fox jumps over the lazy dog.", null,
                        null), AS_ALICE)
                .expectEvents(new ClaimRevised(PROFILE, 3, "c2", "The slow brown fox jumps over the sleepy dog.", null,
                        List.of(), 1, true));
    }

    @Test
    void refusesOverlappingChangesWithTheCurrentTextRevisionAndEditor() {
        fixture.given(imported(),
                        byEditor(1, revisedByBob(2, "The quick brown cat jumps over the lazy dog."), BOB))
                .when(new ReviseClaim(PROFILE, at(1), "c2", "The quick brown wolf jumps over the lazy dog.", null,
                        null), AS_ALICE)
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof ProfileRejection rejection
                        && rejection.kind() == ProfileRejection.Kind.CONFLICT
                        && rejection.details().equals(Map.of("claimId", "c2",
                        "currentText", "The quick brown cat jumps over the lazy dog.",
                        "currentRevision", 2L, "changedBy", BOB))));
    }

    @Test
    void rejectsRevisionOfARetractedClaim() {
        fixture.given(imported(), byEditor(1, new ClaimRetracted(PROFILE, 2, "c2"), BOB))
                .when(new ReviseClaim(PROFILE, at(2), "c2", "Anything.", null, null), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Claim 'c2' is retracted; restore it first");
    }

    @Test
    void rejectsRevisionOfAnUnknownClaim() {
        fixture.given(imported())
                .when(new ReviseClaim(PROFILE, at(1), "c404", "Anything.", null, null), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Profile 'acme' has no claim 'c404'");
    }

    @Test
    void rejectsABaseRevisionFromTheFuture() {
        fixture.given(imported())
                .when(new ReviseClaim(PROFILE, at(7), "c2", "Anything.", null, null), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Base revision 7 is not a revision of profile 'acme' (current revision: 1)");
    }

    @Test
    void changesNothingWhenTheTextIsUnchanged() {
        fixture.given(imported())
                .when(new ReviseClaim(PROFILE, at(1), "c2", "The quick brown fox jumps over the lazy dog.", null,
                        null), AS_ALICE)
                .expectNoEvents()
                .expectResultMessagePayload(EditResult.at(PROFILE, 1));
    }

    @Test
    void answersARetriedCommandWithTheFirstResultAndNoNewEvents() {
        fixture.given(imported(), byEditorWithCommand(revisedByBob(2, "Retry me."), "same-id"))
                .when(new ReviseClaim(PROFILE, new EditNote(1L, null, "same-id"), "c2", "Retry me.", null, null),
                        AS_BOB)
                .expectNoEvents()
                .expectResultMessagePayload(EditResult.at(PROFILE, 2));
    }

    @Test
    void appliesACommandAgainOnceItsIdIsOlderThanTheRememberedOnes() {
        List<Object> history = new ArrayList<>(List.of(imported(), byEditorWithCommand(revisedByBob(2, "First."),
                "old-id")));
        for (int n = 0; n < Profile.REMEMBERED_COMMANDS; n++) {
            history.add(byEditor(2 + n, new FactSet(PROFILE, 3 + n, "fact", "value " + n), BOB)
                    .andMetaData(Map.of("commandId", "filler-" + n)));
        }
        long head = 2 + Profile.REMEMBERED_COMMANDS;
        fixture.given(history)
                .when(new ReviseClaim(PROFILE, new EditNote(head, null, "old-id"), "c2", "Second.", null, null), AS_BOB)
                .expectEvents(new ClaimRevised(PROFILE, head + 1, "c2", "Second.", null, List.of(), head, false));
    }

    @Test
    void mergesFromABaseBeyondTheMergeWindowWhenTheClaimStillHadThatText() {
        fixture.given(claimRevisedAtTwoAndAgainBeyondTheMergeWindow())
                .when(new ReviseClaim(PROFILE, at(2), "c2", "The slow brown fox jumps over the lazy dog. Twice.",
                        null, null), AS_ALICE)
                .expectEvents(new ClaimRevised(PROFILE, MERGE_HEAD + 1, "c2",
                        "The slow brown fox jumps over the sleepy dog. Twice.", null, List.of(), 2, true));
    }

    @Test
    void refusesToMergeFromATextOlderThanTheMergeWindow() {
        fixture.given(claimRevisedAtTwoAndAgainBeyondTheMergeWindow())
                .when(new ReviseClaim(PROFILE, at(1), "c2", "The slow brown fox jumps over the lazy dog.", null,
                        null), AS_ALICE)
                .expectNoEvents()
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Claim 'c2' has no text at revision 1 to merge with: it did not exist then, "
                        + "or that is more than " + Profile.MERGE_WINDOW + " revisions back; edit the current text")
                .expectException(predicate(e -> e instanceof ProfileRejection rejection
                        && rejection.details().equals(Map.of("claimId", "c2",
                        "currentText", "The quick brown fox jumps over the sleepy dog. Twice.",
                        "currentRevision", MERGE_HEAD, "changedBy", BOB))));
    }

    private static final long MERGE_HEAD = Profile.MERGE_WINDOW + 3;

    /** c2 imported at 1, revised at 2, then facts, then revised again by bob at {@link #MERGE_HEAD}. */
    private static List<Object> claimRevisedAtTwoAndAgainBeyondTheMergeWindow() {
        List<Object> history = new ArrayList<>(List.of(imported(),
                byEditor(1, revisedByBob(2, "The quick brown fox jumps over the lazy dog. Twice."), BOB)));
        for (long revision = 3; revision < MERGE_HEAD; revision++) {
            history.add(byEditor(revision - 1, new FactSet(PROFILE, revision, "fact", "value " + revision), BOB));
        }
        history.add(byEditor(MERGE_HEAD - 1, new ClaimRevised(PROFILE, MERGE_HEAD, "c2",
                "The quick brown fox jumps over the sleepy dog. Twice.", null, List.of(), MERGE_HEAD - 1, false), BOB));
        return history;
    }

    private static GenericDomainEventMessage<ClaimRevised> byEditorWithCommand(
            ClaimRevised event, String commandId) {
        return byEditor(1, event, BOB).andMetaData(Map.of("commandId", commandId));
    }

    @Test
    void movesClaimToAnotherSection() {
        fixture.given(imported())
                .when(new MoveClaim(PROFILE, at(1), "c2", "strengths", 0), AS_ALICE)
                .expectEvents(new ClaimMoved(PROFILE, 2, "c2", "strengths", 0));
    }

    @Test
    void rejectsMoveToAPositionOutsideTheTargetSection() {
        fixture.given(imported())
                .when(new MoveClaim(PROFILE, at(1), "c2", "strengths", 3), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Position 3 is outside 0..1");
    }

    @Test
    void rejectsStaleMoveOfAClaimMovedSince() {
        fixture.given(imported(), byEditor(1, new ClaimMoved(PROFILE, 2, "c2", "what-they-do", 0), BOB))
                .when(new MoveClaim(PROFILE, at(1), "c2", "strengths", 0), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("The claim 'c2' changed since revision 1: revision 2 by bob");
    }

    @Test
    void retractsAndRestoresAClaim() {
        fixture.given(imported(), byEditor(1, new ClaimRetracted(PROFILE, 2, "c2"), BOB))
                .when(new RestoreClaim(PROFILE, new EditNote(2L, "it was right", null), "c2"), AS_ALICE)
                .expectEvents(new ClaimRestored(PROFILE, 3, "c2"));
    }

    @Test
    void rejectsRetractingARetractedClaim() {
        fixture.given(imported(), byEditor(1, new ClaimRetracted(PROFILE, 2, "c2"), BOB))
                .when(new RetractClaim(PROFILE, at(2), "c2"), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Claim 'c2' is retracted; restore it first");
    }

    @Test
    void rejectsRestoringALiveClaim() {
        fixture.given(imported())
                .when(new RestoreClaim(PROFILE, at(1), "c2"), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Claim 'c2' is not retracted");
    }

    @Test
    void citesAndUncitesASource() {
        fixture.given(imported())
                .when(new CiteSource(PROFILE, at(1), "c2", "s2"), AS_ALICE)
                .expectEvents(new SourceCited(PROFILE, 2, "c2", "s2"));
        fixture.given(imported())
                .when(new UnciteSource(PROFILE, at(1), "c1", "s1"), AS_ALICE)
                .expectEvents(new SourceUncited(PROFILE, 2, "c1", "s1"));
    }

    @Test
    void rejectsCitingAnUnknownSource() {
        fixture.given(imported())
                .when(new CiteSource(PROFILE, at(1), "c2", "s77"), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Profile 'acme' has no source 's77'");
    }

    @Test
    void rejectsUncitingASourceTheClaimDoesNotCite() {
        fixture.given(imported())
                .when(new UnciteSource(PROFILE, at(1), "c2", "s1"), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Claim 'c2' does not cite 's1'");
    }
}
