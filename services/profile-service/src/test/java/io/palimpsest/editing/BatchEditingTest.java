package io.palimpsest.editing;

import io.palimpsest.model.ClaimKind;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.ProfileCommand;
import io.palimpsest.model.ProfileCommand.*;
import io.palimpsest.model.ProfileEvent.*;
import io.palimpsest.model.api.EditResult;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.palimpsest.editing.ClaimToAdd.addClaim;
import static io.palimpsest.editing.ProfileFixtures.*;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.predicate;

/** {@link ApplyChanges}: several edits decided one by one, applied all-or-nothing as one revision. */
class BatchEditingTest {

    private static final EditNote BATCH = new EditNote(1L, "tidy up", "batch-1");
    private static final Map<String, Object> BATCH_META = Map.of("editor", ALICE, "summary", "tidy up",
            "commandId", "batch-1");

    private FixtureConfiguration<Profile> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    private static ApplyChanges batch(ProfileCommand... parts) {
        return new ApplyChanges(PROFILE, BATCH, List.of(parts));
    }

    @Test
    void appliesEveryChangeAsOneRevisionWithTheBatchsSummaryAndCommandId() {
        fixture.given(imported())
                .when(batch(new SetFact(PROFILE, at(1), "HQ", "Paris"),
                        new ReviseClaim(PROFILE, at(1), "c2", "A new sentence.", null, null),
                        new AddSection(PROFILE, at(1), "people", "People", null, null)), AS_ALICE)
                .expectEvents(new FactSet(PROFILE, 2, "HQ", "Paris"),
                        new ClaimRevised(PROFILE, 2, "c2", "A new sentence.", null, List.of(), 1, false),
                        new SectionAdded(PROFILE, 2, "people", "People", null, 2))
                .expectEventsMatching(exactSequenceOf(metadataIs(BATCH_META), metadataIs(BATCH_META),
                        metadataIs(BATCH_META)))
                .expectResultMessagePayload(new EditResult(PROFILE, 2, "people", List.of("people")));
    }

    @Test
    void aLaterChangeMayUseWhatAnEarlierOneCreatedAndEveryCreatedIdIsAnswered() {
        fixture.given(imported())
                .when(batch(new AddSection(PROFILE, at(1), "people", "People", null, null),
                        addClaim("people", "Ada leads.").command(),
                        addClaim("people", "Bob helps.").command()), AS_ALICE)
                .expectEvents(new SectionAdded(PROFILE, 2, "people", "People", null, 2),
                        new ClaimAdded(PROFILE, 2, "people", "c4", ClaimKind.BULLET, null,
                                "Ada leads.", List.of(), List.of(), null, 0),
                        new ClaimAdded(PROFILE, 2, "people", "c5", ClaimKind.BULLET, null,
                                "Bob helps.", List.of(), List.of(), null, 1))
                .expectResultMessagePayload(new EditResult(PROFILE, 2, "people", List.of("people", "c4", "c5")));
    }

    @Test
    void whatAnEarlierChangeDidIsTheEditorsOwnNotAChangeSinceALaterOnesBase() {
        fixture.given(imported())
                .when(batch(new ReviseClaim(PROFILE, at(1), "c2", "First words.", null, null),
                        new ReviseClaim(PROFILE, at(1), "c2", "First words, then more.", null, null)), AS_ALICE)
                .expectEvents(new ClaimRevised(PROFILE, 2, "c2", "First words.", null, List.of(), 1, false),
                        new ClaimRevised(PROFILE, 2, "c2", "First words, then more.", null, List.of(), 1, false));
    }

    @Test
    void mergesAChangeWhoseClaimAnotherEditorChangedSinceItsBase() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "The quick brown fox jumps over the sleepy dog."), BOB))
                .when(new ApplyChanges(PROFILE, new EditNote(2L, null, null), List.of(
                        new SetFact(PROFILE, at(2), "HQ", "Paris"),
                        new ReviseClaim(PROFILE, at(1), "c2", "The slow brown fox jumps over the lazy dog.", null,
                                null))), AS_ALICE)
                .expectEvents(new FactSet(PROFILE, 3, "HQ", "Paris"),
                        new ClaimRevised(PROFILE, 3, "c2", "The slow brown fox jumps over the sleepy dog.", null,
                                List.of(), 1, true));
    }

    @Test
    void aConflictingChangeRefusesTheWholeBatchNamingItsIndexCurrentTextAndEditor() {
        fixture.given(imported(), byEditor(1, revisedByBob(2, "The quick brown cat jumps over the lazy dog."), BOB))
                .when(batch(new SetFact(PROFILE, at(1), "HQ", "Paris"),
                        new ReviseClaim(PROFILE, at(1), "c2", "The quick brown wolf jumps over the lazy dog.", null,
                                null)), AS_ALICE)
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof ProfileRejection rejection
                        && rejection.kind() == ProfileRejection.Kind.CONFLICT
                        && rejection.getMessage().startsWith("Change 1: Claim 'c2' was changed by bob")
                        && rejection.needsRollback()
                        && rejection.details().equals(Map.of("change", 1, "claimId", "c2",
                        "currentText", "The quick brown cat jumps over the lazy dog.",
                        "currentRevision", 2L, "changedBy", BOB))));
    }

    @Test
    void aChangeRefusedBeforeAnythingWasAppliedNeedsNoRollback() {
        fixture.given(imported())
                .when(batch(new RemoveFact(PROFILE, at(1), "Nope"), new SetFact(PROFILE, at(1), "HQ", "Paris")),
                        AS_ALICE)
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof ProfileRejection rejection
                        && rejection.kind() == ProfileRejection.Kind.NOT_FOUND
                        && rejection.getMessage().equals("Change 0: Profile 'acme' has no fact 'Nope'")
                        && !rejection.needsRollback()));
    }

    @Test
    void refusesAnEmptyBatch() {
        fixture.given(imported())
                .when(batch(), AS_ALICE)
                .expectNoEvents()
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("A batch of changes needs at least one change");
    }

    @Test
    void refusesABatchWithinABatch() {
        fixture.given(imported())
                .when(batch(new SetFact(PROFILE, at(1), "HQ", "Paris"),
                        new ApplyChanges(PROFILE, at(1), List.of(new SetFact(PROFILE, at(1), "A", "b")))), AS_ALICE)
                .expectNoEvents()
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Change 1 is a ApplyChanges: a batch holds edits of the profile's parts only");
    }

    @Test
    void refusesAChangeOfAnotherProfile() {
        fixture.given(imported())
                .when(batch(new SetFact("other", at(1), "HQ", "Paris")), AS_ALICE)
                .expectNoEvents()
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Change 0 edits profile 'other', not 'acme'");
    }

    @Test
    void refusesABatchBasedOnARevisionFromTheFuture() {
        fixture.given(imported())
                .when(new ApplyChanges(PROFILE, at(5), List.of(new SetFact(PROFILE, at(1), "HQ", "Paris"))),
                        AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Base revision 5 is not a revision of profile 'acme' (current revision: 1)");
    }

    @Test
    void aChangeCannotBeBasedOnTheRevisionTheBatchIsMaking() {
        fixture.given(imported())
                .when(batch(new SetFact(PROFILE, at(1), "HQ", "Paris"), new SetFact(PROFILE, at(2), "A", "b")),
                        AS_ALICE)
                .expectNoEvents()
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Change 1: Base revision 2 is not a revision of profile 'acme'"
                        + " (current revision: 1)");
    }

    @Test
    void answersARetriedBatchWithItsFirstRevisionAndCreatedIdsAndNoNewEvents() {
        fixture.given(imported(),
                        byEditor(1, new SectionAdded(PROFILE, 2, "people", "People", null, 2), ALICE)
                                .andMetaData(Map.of("commandId", "batch-1")),
                        byEditor(2, new ClaimAdded(PROFILE, 2, "people", "c4", ClaimKind.BULLET,
                                null, "Ada leads.", List.of(), List.of(), null, 0), ALICE)
                                .andMetaData(Map.of("commandId", "batch-1")))
                .when(batch(new AddSection(PROFILE, at(1), "people", "People", null, null),
                        addClaim("people", "Ada leads.").command()), AS_ALICE)
                .expectNoEvents()
                .expectResultMessagePayload(new EditResult(PROFILE, 2, "people", List.of("people", "c4")));
    }

    @Test
    void aRetriedSingleEditIsAnsweredWithTheIdItCreated() {
        fixture.given(imported(), byEditor(1, new ClaimAdded(PROFILE, 2, "what-they-do", "c9",
                        ClaimKind.BULLET, null, "New.", List.of(), List.of(), null, 2), ALICE)
                        .andMetaData(Map.of("commandId", "add-1")))
                .when(addClaim("what-they-do", "New.").withId("c9").noted(new EditNote(1L, null, "add-1")).command(),
                        AS_ALICE)
                .expectNoEvents()
                .expectResultMessagePayload(new EditResult(PROFILE, 2, "c9"));
    }

    private static org.hamcrest.Matcher<EventMessage<?>> metadataIs(Map<String, Object> expected) {
        return predicate(event -> event.getMetaData().withoutKeys(Set.of(Profile.FLAGS)).equals(expected));
    }
}
