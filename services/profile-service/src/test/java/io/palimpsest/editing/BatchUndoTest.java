package io.palimpsest.editing;

import io.palimpsest.model.EditNote;
import io.palimpsest.model.ProfileCommand;
import io.palimpsest.model.ProfileCommand.*;
import io.palimpsest.model.ProfileCommand.UndoChanges.Earlier;
import io.palimpsest.model.ProfileCommand.UndoChanges.Undo;
import io.palimpsest.model.ClaimKind;
import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.ProfileEvent.*;
import io.palimpsest.model.api.UndoResult;
import io.palimpsest.model.api.UndoResult.NotUndone;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.palimpsest.editing.ProfileFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

/** {@link UndoChanges}: which changes a batch undo takes back, which it leaves for a person, which it skips. */
class BatchUndoTest {

    private static final String VERA = "vera";
    private static final String CAROL = "carol";
    private static final Map<String, Object> AS_VERA = Map.of("editor", VERA);
    private static final String FOX = "The quick brown fox jumps over the lazy dog.";
    private static final String REASON = "Vandalism";

    private FixtureConfiguration<Profile> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    private static UndoChanges undo(Undo... changes) {
        return new UndoChanges(PROFILE, EditNote.NONE, REASON, List.of(changes), false);
    }

    private static Undo change(long revision, Map<String, Earlier> before, ProfileCommand... edits) {
        return new Undo(revision, List.of(edits), before);
    }

    /** Bob's change of the HQ fact at {@code revision} and its undo back to {@code was}, last set at {@code wasAt}. */
    private static Undo hqBack(long revision, String was, long wasAt, String wasBy) {
        return change(revision, Map.of("fact:HQ", new Earlier(wasAt, wasBy)),
                new SetFact(PROFILE, at(revision), "HQ", was));
    }

    private static Undo foxBack(long revision) {
        return change(revision, Map.of("claim:c2:content", new Earlier(1, ALICE)),
                new ReviseClaim(PROFILE, at(revision), "c2", FOX, null, List.of()));
    }

    private static GenericDomainEventMessage<ProfileEvent> hq(long revision, String city, String editor) {
        return byEditor(revision - 1, new FactSet(PROFILE, revision, "HQ", city), editor);
    }

    private static UndoResult result(long revision, List<Long> undone, List<NotUndone> left, List<NotUndone> skipped) {
        return new UndoResult(PROFILE, revision, undone, left, skipped, List.of());
    }

    @Test
    void severalChangesAreTakenBackNewestFirstInOneRevisionThatRecordsThem() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "A slow fox."), BOB), hq(3, "Paris", BOB),
                        hq(4, "Berlin", BOB))
                .when(undo(foxBack(2), hqBack(3, "London", 1, ALICE), hqBack(4, "Paris", 3, BOB)), AS_VERA)
                .expectEvents(new FactSet(PROFILE, 5, "HQ", "Paris"), new FactSet(PROFILE, 5, "HQ", "London"),
                        new ClaimRevised(PROFILE, 5, "c2", FOX, null, List.of(), 2, false, ClaimRevised.Origin.REVERT),
                        new ChangesUndone(PROFILE, 5, List.of(4L, 3L, 2L), REASON))
                .expectResultMessagePayload(result(5, List.of(4L, 3L, 2L), List.of(), List.of()));
    }

    @Test
    void aChangeALaterEditOverlapsIsLeftForAPersonAndTheOthersAreTakenBack() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "A slow fox."), BOB),
                        byEditor(2, new ClaimRevised(PROFILE, 3, "c2", "A slow grey fox.", null, List.of(), 2, false),
                                ALICE),
                        hq(4, "Berlin", BOB))
                .when(undo(foxBack(2), hqBack(4, "London", 1, ALICE)), AS_VERA)
                .expectEvents(new FactSet(PROFILE, 5, "HQ", "London"),
                        new ChangesUndone(PROFILE, 5, List.of(4L), REASON))
                .expectResultMessagePayload(result(5, List.of(4L), List.of(new NotUndone(2,
                        "Claim 'c2' was changed by alice at revision 3 in a way that overlaps this edit", 3L, ALICE,
                        "c2", "A slow grey fox.")), List.of()));
    }

    @Test
    void anotherEditorsChangeInBetweenStillBlocksAnEarlierChangeOfTheSameFact() {
        fixture.given(imported(), hq(2, "Paris", BOB), hq(3, "Rome", ALICE), hq(4, "Berlin", BOB))
                .when(undo(hqBack(2, "London", 1, ALICE), hqBack(4, "Rome", 3, ALICE)), AS_VERA)
                .expectEvents(new FactSet(PROFILE, 5, "HQ", "Rome"),
                        new ChangesUndone(PROFILE, 5, List.of(4L), REASON))
                .expectResultMessagePayload(result(5, List.of(4L), List.of(new NotUndone(2,
                        "The fact 'HQ' changed since revision 2: revision 3 by alice", 3L, ALICE, null, null)),
                        List.of()));
    }

    @Test
    void aChangeIsNeverTakenBackInPart() {
        // Bob's batch revised c2 and moved it; alice revised it since. Its place could go back, its text cannot: so
        // neither does.
        fixture.given(imported(),
                        byEditor(1, new ClaimRevised(PROFILE, 2, "c2", "A slow fox.", null, List.of(), 1, false), BOB),
                        byEditor(2, new ClaimMoved(PROFILE, 2, "c2", "strengths", 0), BOB),
                        byEditor(3, new ClaimRevised(PROFILE, 3, "c2", "A slow grey fox.", null, List.of(), 2, false),
                                ALICE))
                .when(undo(change(2, Map.of(),
                        new MoveClaim(PROFILE, at(2), "c2", "what-they-do", 1),
                        new ReviseClaim(PROFILE, at(2), "c2", FOX, null, List.of()))), AS_VERA)
                .expectNoEvents()
                .expectResultMessagePayloadMatching(predicate(payload -> payload instanceof UndoResult r
                        && r.undone().isEmpty() && r.left().size() == 1
                        && "A slow grey fox.".equals(r.left().get(0).currentText())));
    }

    @Test
    void aClaimAnotherEditorChangedSinceIsNotRetractedByTakingBackItsAddition() {
        fixture.given(imported(),
                        byEditor(1, new ClaimAdded(PROFILE, 2, "what-they-do", "c9", ClaimKind.BULLET, null,
                                "Spam.", List.of(), List.of(), null, 2), BOB),
                        byEditor(2, new ClaimRevised(PROFILE, 3, "c9", "A real claim now.", null, List.of(), 2,
                                false), ALICE))
                .when(undo(change(2, Map.of(), new RetractClaim(PROFILE, at(2), "c9"))), AS_VERA)
                .expectNoEvents()
                .expectResultMessagePayload(result(3, List.of(), List.of(new NotUndone(2,
                        "Claim 'c9' was changed by alice at revision 3; retracting it would hide that change", 3L,
                        ALICE, "c9", "A real claim now.")), List.of()));
    }

    @Test
    void changesRejectedOrRevertedAlreadyAreSkippedAndNothingIsApplied() {
        fixture.given(imported(), hq(2, "Paris", BOB), byEditor(2, new ChangeRejected(PROFILE, 3, 2, "No"), CAROL),
                        byEditor(3, new FactSet(PROFILE, 4, "Model", "Grants"), BOB),
                        byEditor(4, new ProfileReverted(PROFILE, 5, 3, DOCUMENT), CAROL))
                .when(undo(hqBack(2, "London", 1, ALICE),
                        change(4, Map.of(), new RemoveFact(PROFILE, at(4), "Model"))), AS_VERA)
                .expectNoEvents()
                .expectResultMessagePayload(result(5, List.of(), List.of(), List.of(
                        NotUndone.because(4, "The revert of revision 5 to revision 3 took it back"),
                        NotUndone.because(2, "It was already rejected by carol"))));
    }

    @Test
    void aChangeWhoseUndoChangesNothingWasTakenBackAlreadyAndIsSkipped() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "A slow fox."), BOB),
                        byEditor(2, new ClaimRevised(PROFILE, 3, "c2", FOX, null, List.of(), 2, false,
                                ClaimRevised.Origin.REVERT), ALICE))
                .when(undo(foxBack(2)), AS_VERA)
                .expectNoEvents()
                .expectResultMessagePayload(result(3, List.of(), List.of(), List.of(
                        NotUndone.because(2, "Taking it back changes nothing: it was taken back already"))));
    }

    @Test
    void aReviewersOwnChangeAndAReviewAreNotTakenBack() {
        fixture.given(imported(), hq(2, "Paris", VERA), byEditor(2, new ChangeApproved(PROFILE, 3, 1), CAROL))
                .when(undo(hqBack(2, "London", 1, ALICE), change(3, Map.of())), AS_VERA)
                .expectNoEvents()
                .expectResultMessagePayload(result(3, List.of(),
                        List.of(NotUndone.because(2, "It is your own change: another reviewer must take it back")),
                        List.of(NotUndone.because(3, "It changed no content: it is a review, or about a suggestion"))));
    }

    @Test
    void anApprovedChangeStillStandsAndIsTakenBack() {
        fixture.given(imported(), hq(2, "Paris", BOB), byEditor(2, new ChangeApproved(PROFILE, 3, 2), CAROL))
                .when(undo(hqBack(2, "London", 1, ALICE)), AS_VERA)
                .expectEvents(new FactSet(PROFILE, 4, "HQ", "London"),
                        new ChangesUndone(PROFILE, 4, List.of(2L), REASON));
    }

    @Test
    void aDryRunAnswersWhatWouldBeTakenBackAndAppliesNothing() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "A slow fox."), BOB), hq(3, "Paris", BOB),
                        hq(4, "Berlin", BOB))
                .when(new UndoChanges(PROFILE, EditNote.NONE, REASON, List.of(foxBack(2),
                        hqBack(3, "London", 1, ALICE), hqBack(4, "Paris", 3, BOB)), true), AS_VERA)
                .expectNoEvents()
                .expectResultMessagePayload(result(4, List.of(4L, 3L, 2L), List.of(), List.of()));
    }

    @Test
    void aRetriedUndoAnswersAsTheFirstAndChangesNothing() {
        MetaData first = MetaData.from(Map.of("editor", VERA, "commandId", "u-1"));
        fixture.given(imported(), hq(2, "Paris", BOB), hq(3, "Berlin", CAROL),
                        new GenericDomainEventMessage<>("Profile", PROFILE, 3, new FactSet(PROFILE, 4, "HQ", "Paris"),
                                first),
                        new GenericDomainEventMessage<>("Profile", PROFILE, 4,
                                new ChangesUndone(PROFILE, 4, List.of(3L), REASON), first))
                .when(new UndoChanges(PROFILE, new EditNote(null, null, "u-1"), REASON,
                        List.of(hqBack(2, "London", 1, ALICE), hqBack(3, "Paris", 2, BOB)), false), AS_VERA)
                .expectNoEvents()
                .expectResultMessagePayload(result(4, List.of(3L), List.of(), List.of()));
    }

    @Test
    void aSecondUndoOfAChangeIsSkippedNamingTheFirst() {
        fixture.given(imported(), hq(2, "Paris", BOB), byEditor(2, new FactSet(PROFILE, 3, "HQ", "London"), VERA),
                        byEditor(3, new ChangesUndone(PROFILE, 3, List.of(2L), REASON), VERA))
                .when(undo(hqBack(2, "London", 1, ALICE)), Map.of("editor", CAROL))
                .expectNoEvents()
                .expectResultMessagePayload(result(3, List.of(), List.of(),
                        List.of(NotUndone.because(2, "It was already undone by vera in revision 3"))));
    }

    @Test
    void anUndoNeedsAReasonAndEditsBasedOnTheChange() {
        fixture.given(imported(), hq(2, "Paris", BOB))
                .when(new UndoChanges(PROFILE, EditNote.NONE, " ", List.of(hqBack(2, "London", 1, ALICE)), false),
                        AS_VERA)
                .expectNoEvents()
                .expectExceptionMessage("The reason for undoing must not be blank");
        fixture.given(imported(), hq(2, "Paris", BOB))
                .when(undo(change(2, Map.of(), new SetFact(PROFILE, at(1), "HQ", "London"))), AS_VERA)
                .expectNoEvents()
                .expectExceptionMessage("Undo edit 0 must edit profile 'acme' based on revision 2");
    }

    @Test
    void anUndoIsNoPartOfABatch() {
        fixture.given(imported(), hq(2, "Paris", BOB))
                .when(new ApplyChanges(PROFILE, at(2), List.of(undo(hqBack(2, "London", 1, ALICE)))), AS_VERA)
                .expectNoEvents()
                .expectException(ProfileRejection.class);
    }

    @Test
    void everyAspectOfAChangeIsKeyedAsTheProfileKeepsItsLastChange() {
        assertThat(Touch.fact("HQ").key()).isEqualTo("fact:HQ");
        assertThat(Touch.claimContent("c2").key()).isEqualTo("claim:c2:content");
    }
}
