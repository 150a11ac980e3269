package io.palimpsest.editing;

import io.palimpsest.model.EditNote;
import io.palimpsest.model.ProfileCommand;
import io.palimpsest.model.ProfileCommand.*;
import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.ProfileEvent.*;
import io.palimpsest.model.api.EditResult;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.palimpsest.editing.ProfileFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.predicate;

/** Suggestion mode: an EDITOR's edits kept as suggestions, and how reviewers and their authors settle them. */
class SuggestionDecisionsTest {

    private static final String VERA = "vera";
    private static final String CAROL = "carol";
    private static final Map<String, Object> BOB_EDITING = Map.of("editor", BOB, Profile.ROLE, "EDITOR");
    private static final Map<String, Object> CAROL_EDITING = Map.of("editor", CAROL, Profile.ROLE, "EDITOR");
    private static final Map<String, Object> VERA_REVIEWING = Map.of("editor", VERA, Profile.ROLE, "REVIEWER");
    private static final Map<String, Object> BOB_REVIEWING = Map.of("editor", BOB, Profile.ROLE, "REVIEWER");
    private static final String FOX = "The quick brown fox jumps over the lazy dog.";
    private static final ReviseClaim LEAPS = new ReviseClaim(PROFILE, new EditNote(2L, "Livelier verb", "bob-1"), "c2",
            "The quick brown fox leaps over the lazy dog.", null, null);

    private FixtureConfiguration<Profile> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    private static GenericDomainEventMessage<SuggestionModeSwitched> suggestionModeOn() {
        return byEditor(1, new SuggestionModeSwitched(PROFILE, 2, true), VERA);
    }

    private static GenericDomainEventMessage<EditSuggested> suggestedByBob(ProfileCommand edit) {
        return byEditor(2, new EditSuggested(PROFILE, 3, "sg3", edit), BOB);
    }

    private static AcceptSuggestion accept(String suggestionId) {
        return new AcceptSuggestion(PROFILE, EditNote.NONE, suggestionId);
    }

    private static java.util.function.Predicate<Throwable> refused(ProfileRejection.Kind kind) {
        return e -> e instanceof ProfileRejection r && r.kind() == kind;
    }

    @Test
    void aReviewerPutsTheProfileInSuggestionMode() {
        fixture.given(imported())
                .when(new SwitchSuggestionMode(PROFILE, EditNote.NONE, true), VERA_REVIEWING)
                .expectEvents(new SuggestionModeSwitched(PROFILE, 2, true))
                .expectResultMessagePayload(EditResult.at(PROFILE, 2));
    }

    @Test
    void anEditorCannotSwitchSuggestionMode() {
        fixture.given(imported())
                .when(new SwitchSuggestionMode(PROFILE, EditNote.NONE, true), BOB_EDITING)
                .expectNoEvents()
                .expectException(predicate(refused(ProfileRejection.Kind.FORBIDDEN)))
                .expectExceptionMessage("Only a REVIEWER or ADMIN may switch suggestion mode");
    }

    @Test
    void inSuggestionModeAnEditorsEditIsKeptAsASuggestionAndChangesNothing() {
        fixture.given(imported(), suggestionModeOn())
                .when(LEAPS, BOB_EDITING)
                .expectEvents(new EditSuggested(PROFILE, 3, "sg3", LEAPS))
                .expectResultMessagePayload(EditResult.suggested(PROFILE, 3, "sg3"));
    }

    @Test
    void aRetriedSuggestionAnswersTheSameSuggestion() {
        fixture.given(imported(), suggestionModeOn(), new GenericDomainEventMessage<>("Profile", PROFILE, 2,
                        new EditSuggested(PROFILE, 3, "sg3", LEAPS), MetaData.with("editor", BOB).and("commandId", "bob-1")))
                .when(LEAPS, BOB_EDITING)
                .expectNoEvents()
                .expectResultMessagePayload(EditResult.suggested(PROFILE, 3, "sg3"));
    }

    @Test
    void aReviewersEditIsAppliedInSuggestionMode() {
        fixture.given(imported(), suggestionModeOn())
                .when(LEAPS, VERA_REVIEWING)
                .expectEvents(new ClaimRevised(PROFILE, 3, "c2", LEAPS.text(), null, List.of(), 2, false));
    }

    @Test
    void aSuggestionTheProfileWouldRefuseIsRefused() {
        fixture.given(imported(), suggestionModeOn())
                .when(new ReviseClaim(PROFILE, EditNote.NONE, "c404", "Text.", null, null), BOB_EDITING)
                .expectNoEvents()
                .expectException(predicate(refused(ProfileRejection.Kind.NOT_FOUND)));
    }

    @Test
    void acceptingAppliesTheEditAsTheSuggestersMergedWithWhatChangedSince() {
        String merged = "The quick red fox leaps over the lazy dog.";
        fixture.given(imported(), suggestionModeOn(), suggestedByBob(LEAPS),
                        byEditor(3, new ClaimRevised(PROFILE, 4, "c2", "The quick red fox jumps over the lazy dog.",
                                null, List.of(), 3, false), ALICE))
                .when(accept("sg3"), VERA_REVIEWING)
                .expectEventsMatching(exactSequenceOf(
                        byWith(new ClaimRevised(PROFILE, 5, "c2", merged, null, List.of(), 2, true), BOB,
                                "Livelier verb"),
                        byWith(new SuggestionAccepted(PROFILE, 5, "sg3"), VERA, null)))
                .expectResultMessagePayload(EditResult.at(PROFILE, 5));
    }

    @Test
    void anAcceptThatOverlapsALaterEditIsAConflictNamingBothTexts() {
        String later = "The quick brown fox sleeps over the lazy dog.";
        fixture.given(imported(), suggestionModeOn(), suggestedByBob(LEAPS),
                        byEditor(3, new ClaimRevised(PROFILE, 4, "c2", later, null, List.of(), 3, false), ALICE))
                .when(accept("sg3"), VERA_REVIEWING)
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof ProfileRejection r
                        && r.kind() == ProfileRejection.Kind.CONFLICT
                        && later.equals(r.details().get("currentText"))
                        && LEAPS.text().equals(r.details().get("suggestedText"))
                        && "sg3".equals(r.details().get("suggestionId"))
                        && ALICE.equals(r.details().get("changedBy"))));
    }

    @Test
    void acceptingAWithdrawnSuggestionIsRefused() {
        fixture.given(imported(), suggestionModeOn(), suggestedByBob(LEAPS),
                        byEditor(3, new SuggestionWithdrawn(PROFILE, 4, "sg3"), BOB))
                .when(accept("sg3"), VERA_REVIEWING)
                .expectNoEvents()
                .expectException(predicate(refused(ProfileRejection.Kind.NOT_FOUND)))
                .expectExceptionMessage("Profile 'acme' has no open suggestion 'sg3': it never existed, or it was "
                        + "accepted, declined or withdrawn");
    }

    @Test
    void nobodyAcceptsTheirOwnSuggestion() {
        fixture.given(imported(), suggestionModeOn(), suggestedByBob(LEAPS))
                .when(accept("sg3"), BOB_REVIEWING)
                .expectNoEvents()
                .expectException(predicate(refused(ProfileRejection.Kind.FORBIDDEN)));
    }

    @Test
    void anEditorCannotAcceptASuggestion() {
        fixture.given(imported(), suggestionModeOn(), suggestedByBob(LEAPS))
                .when(accept("sg3"), CAROL_EDITING)
                .expectNoEvents()
                .expectException(predicate(refused(ProfileRejection.Kind.FORBIDDEN)));
    }

    @Test
    void aReviewerDeclinesWithAReason() {
        fixture.given(imported(), suggestionModeOn(), suggestedByBob(LEAPS))
                .when(new DeclineSuggestion(PROFILE, EditNote.NONE, "sg3", "The source says jumps"), VERA_REVIEWING)
                .expectEvents(new SuggestionDeclined(PROFILE, 4, "sg3", "The source says jumps"));
    }

    @Test
    void aDeclineWithoutAReasonIsRefused() {
        fixture.given(imported(), suggestionModeOn(), suggestedByBob(LEAPS))
                .when(new DeclineSuggestion(PROFILE, EditNote.NONE, "sg3", " "), VERA_REVIEWING)
                .expectNoEvents()
                .expectException(predicate(refused(ProfileRejection.Kind.INVALID)));
    }

    @Test
    void theAuthorWithdrawsTheirSuggestion() {
        fixture.given(imported(), suggestionModeOn(), suggestedByBob(LEAPS))
                .when(new WithdrawSuggestion(PROFILE, EditNote.NONE, "sg3"), BOB_EDITING)
                .expectEvents(new SuggestionWithdrawn(PROFILE, 4, "sg3"));
    }

    @Test
    void onlyTheAuthorWithdrawsOrAmendsASuggestion() {
        fixture.given(imported(), suggestionModeOn(), suggestedByBob(LEAPS))
                .when(new WithdrawSuggestion(PROFILE, EditNote.NONE, "sg3"), CAROL_EDITING)
                .expectNoEvents()
                .expectException(predicate(refused(ProfileRejection.Kind.FORBIDDEN)))
                .expectExceptionMessage("Only its author, bob, may withdraw suggestion sg3");
    }

    @Test
    void theAuthorAmendsTheirSuggestionWithAnEditTheProfileWouldTake() {
        ReviseClaim bounds = new ReviseClaim(PROFILE, new EditNote(2L, "Livelier still", null), "c2",
                "The quick brown fox bounds over the lazy dog.", null, null);
        fixture.given(imported(), suggestionModeOn(), suggestedByBob(LEAPS))
                .when(new AmendSuggestion(PROFILE, EditNote.NONE, "sg3", bounds), BOB_EDITING)
                .expectEvents(new SuggestionAmended(PROFILE, 4, "sg3", bounds));
    }

    @Test
    void anAmendmentTheProfileWouldRefuseIsRefused() {
        fixture.given(imported(), suggestionModeOn(), suggestedByBob(LEAPS))
                .when(new AmendSuggestion(PROFILE, EditNote.NONE, "sg3",
                        new RetractClaim(PROFILE, EditNote.NONE, "c404")), BOB_EDITING)
                .expectNoEvents()
                .expectException(predicate(refused(ProfileRejection.Kind.NOT_FOUND)));
    }

    @Test
    void aBatchOfChangesIsOneSuggestionAndAcceptedAsOneRevision() {
        ApplyChanges batch = new ApplyChanges(PROFILE, new EditNote(2L, "Tidy up", null), List.of(
                new SetFact(PROFILE, EditNote.NONE, "HQ", "Paris"),
                new RetractClaim(PROFILE, EditNote.NONE, "c3")));
        fixture.given(imported(), suggestionModeOn(), suggestedByBob(batch))
                .when(accept("sg3"), VERA_REVIEWING)
                .expectEventsMatching(exactSequenceOf(
                        byWith(new FactSet(PROFILE, 4, "HQ", "Paris"), BOB, "Tidy up"),
                        byWith(new ClaimRetracted(PROFILE, 4, "c3"), BOB, "Tidy up"),
                        byWith(new SuggestionAccepted(PROFILE, 4, "sg3"), VERA, null)));
    }

    @Test
    void anAcceptedSuggestionIsAlreadyApproved() {
        fixture.given(imported(), suggestionModeOn(), suggestedByBob(LEAPS),
                        byEditor(3, new ClaimRevised(PROFILE, 4, "c2", LEAPS.text(), null, List.of(), 2, false), BOB),
                        byEditor(4, new SuggestionAccepted(PROFILE, 4, "sg3"), VERA))
                .when(new ApproveChange(PROFILE, EditNote.NONE, 4), Map.of("editor", CAROL))
                .expectNoEvents()
                .expectException(predicate(refused(ProfileRejection.Kind.CONFLICT)));
    }

    @Test
    void aSuggestionIsNoChangeToReview() {
        fixture.given(imported(), suggestionModeOn(), suggestedByBob(LEAPS))
                .when(new ApproveChange(PROFILE, EditNote.NONE, 3), Map.of("editor", CAROL))
                .expectNoEvents()
                .expectException(predicate(refused(ProfileRejection.Kind.INVALID)));
    }

    @Test
    void theFoldKeepsOpenSuggestionsOnly() {
        ProfileSheet sheet = new ProfileSheet();
        sheet.apply(new ProfileImported(PROFILE, 1, DOCUMENT), ALICE);
        sheet.apply(new SuggestionModeSwitched(PROFILE, 2, true), VERA);
        sheet.apply(new EditSuggested(PROFILE, 3, "sg3", LEAPS), BOB);
        sheet.apply(new EditSuggested(PROFILE, 4, "sg4", LEAPS), CAROL);
        sheet.apply(new SuggestionDeclined(PROFILE, 5, "sg3", "No"), VERA);

        assertThat(sheet.suggesting()).isTrue();
        assertThat(sheet.suggestions()).containsExactly(new Suggestion("sg4", CAROL, 4, LEAPS));
        assertThat(sheet.findClaim("c2").orElseThrow().text).as("content unchanged").isEqualTo(FOX);
    }

    /** The event as applied, with the editor and summary of its metadata. */
    private static org.hamcrest.Matcher<EventMessage<?>> byWith(ProfileEvent payload, String editor, String summary) {
        return predicate(message -> payload.equals(message.getPayload())
                && editor.equals(message.getMetaData().get("editor"))
                && (summary == null || summary.equals(message.getMetaData().get("summary"))));
    }
}
