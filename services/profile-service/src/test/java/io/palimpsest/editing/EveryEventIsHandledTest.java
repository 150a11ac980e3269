package io.palimpsest.editing;

import io.palimpsest.model.ClaimKind;
import io.palimpsest.model.Connection;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.Identity;
import io.palimpsest.model.ProfileCommand;
import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.ProfileEvent.*;
import io.palimpsest.model.Source;
import io.palimpsest.streams.ChangeSubject;
import org.axonframework.commandhandling.CommandHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.palimpsest.editing.ProfileFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * {@link ProfileEvent} and {@link ProfileCommand} are sealed, but Java 17 has no exhaustive switch over a sealed
 * type: an event added without a branch in a dispatcher would compile and fail only when first folded. Here every
 * permitted event needs a sample, and every dispatcher over events is checked against every sample: the fold
 * ({@link ProfileSheet#apply}) with its cached views, the aspects it touches ({@link Touch#of}) and the id an edit
 * answers ({@link Profile#createdId}) and what change streams match on ({@link ChangeSubject#of}). History, live push and export read events only through the sheet, and name
 * them by their class. Adding an event means adding its sample here, with what it touches and creates.
 */
class EveryEventIsHandledTest {

    /** One event of each kind, applied to the {@link ProfileFixtures#DOCUMENT} (or to nothing, for a creation). */
    record Sample(ProfileEvent event, List<ProfileEvent> before, Set<Touch> touches, String createdId) {

        @Override
        public String toString() {
            return event.getClass().getSimpleName();
        }
    }

    private static final Identity IDENTITY = new Identity("Beta Lab", null, "Research", null);

    static Stream<Sample> samples() {
        return Stream.of(
                fresh(new ProfileCreated(PROFILE, 1, IDENTITY), Set.of(Touch.identity())),
                fresh(new ProfileImported(PROFILE, 1, DOCUMENT), Touch.everything(DOCUMENT).collect(Collectors.toSet())),
                edit(new IdentityRevised(PROFILE, 2, new Identity("Acme Lab", null, "Research", null)),
                        Touch.identity()),
                edit(new FactSet(PROFILE, 2, "Model", "Grants"), Touch.fact("Model")),
                edit(new FactRemoved(PROFILE, 2, "HQ"), Touch.fact("HQ")),
                creating(new SectionAdded(PROFILE, 2, "risks", "Risks", "analysis", 0), "risks",
                        Touch.section("risks")),
                edit(new SectionRenamed(PROFILE, 2, "analysis", "Our analysis"), Touch.section("analysis")),
                edit(new SectionMoved(PROFILE, 2, "analysis", 0), Touch.section("analysis")),
                edit(new SectionRemoved(PROFILE, 2, "strengths"), Touch.section("strengths")),
                creating(new ClaimAdded(PROFILE, 2, "what-they-do", "c9", ClaimKind.BULLET, null, "New.", List.of(),
                        List.of(), null, 2), "c9", Touch.claimContent("c9"), Touch.claimPlace("c9"),
                        Touch.claimCitations("c9")),
                edit(new ClaimRevised(PROFILE, 2, "c2", "Changed.", null, List.of(), 1, false),
                        Touch.claimContent("c2")),
                edit(new ClaimMoved(PROFILE, 2, "c2", "strengths", 0), Touch.claimPlace("c2")),
                edit(new ClaimRetracted(PROFILE, 2, "c2"), Touch.claimPlace("c2")),
                new Sample(new ClaimRestored(PROFILE, 3, "c2"), List.of(new ClaimRetracted(PROFILE, 2, "c2")),
                        Set.of(Touch.claimPlace("c2")), null),
                edit(new SourceCited(PROFILE, 2, "c2", "s2"), Touch.claimCitations("c2")),
                edit(new SourceUncited(PROFILE, 2, "c1", "s1"), Touch.claimCitations("c1")),
                creating(new SourceAdded(PROFILE, 2, new Source("s3", 3, "Blog", "https://blog.example", null)), "s3",
                        Touch.source("s3")),
                edit(new SourceEdited(PROFILE, 2, new Source("s2", 2, "Long interview", null, "news.example")),
                        Touch.source("s2")),
                edit(new SourceRemoved(PROFILE, 2, "s2"), Touch.source("s2")),
                creating(new ConnectionAdded(PROFILE, 2, new Connection("x2", "Gamma", "advisor at", null)), "x2",
                        Touch.connection("x2")),
                edit(new ConnectionRemoved(PROFILE, 2, "x1"), Touch.connection("x1")),
                new Sample(new ProfileReverted(PROFILE, 3, 1, DOCUMENT), List.of(new FactSet(PROFILE, 2, "HQ", "Paris")),
                        Touch.everything(DOCUMENT).collect(Collectors.toSet()), null),
                review(new ChangeApproved(PROFILE, 3, 2)),
                review(new ChangeRejected(PROFILE, 3, 2, "Unsourced")),
                review(new ChangesUndone(PROFILE, 3, List.of(2L), "Vandalism")),
                edit(new SuggestionModeSwitched(PROFILE, 2, true)),
                edit(new EditSuggested(PROFILE, 2, "sg2", SUGGESTED)),
                aboutSuggestion(new SuggestionAmended(PROFILE, 3, "sg2", SUGGESTED)),
                aboutSuggestion(new SuggestionAccepted(PROFILE, 3, "sg2")),
                aboutSuggestion(new SuggestionDeclined(PROFILE, 3, "sg2", "Unsourced")),
                aboutSuggestion(new SuggestionWithdrawn(PROFILE, 3, "sg2")));
    }

    private static final ProfileCommand SUGGESTED = new ProfileCommand.ReviseClaim(PROFILE,
            new EditNote(1L, "Sharper", null), "c2", "Suggested.", null, null);

    /** What happens to the suggestion revision 2 made: the profile's revision moves on, its content stays. */
    private static Sample aboutSuggestion(ProfileEvent event) {
        return new Sample(event, List.of(new EditSuggested(PROFILE, 2, "sg2", SUGGESTED)), Set.of(), null);
    }

    @Test
    void everyKindOfEventHasASample() {
        assertThat(samples().<Class<?>>map(sample -> sample.event().getClass()))
                .containsExactlyInAnyOrder(ProfileEvent.class.getPermittedSubclasses());
    }

    @Test
    void everyCommandHasAHandlerInTheAggregate() {
        assertThat(Arrays.stream(Profile.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(CommandHandler.class))
                .map(Method::getParameterTypes).map(parameters -> parameters[0]))
                .containsExactlyInAnyOrder(ProfileCommand.class.getPermittedSubclasses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theFoldAppliesEveryEvent(Sample sample) {
        ProfileSheet sheet = folded(sample.before());
        Object before = sheet.exists() ? sheet.toDocument() : null;

        sheet.apply(sample.event(), BOB);

        assertThat(sheet.revision()).isEqualTo(sample.event().revision());
        if (sample.touches().isEmpty()) {
            assertThat(sheet.toDocument()).isEqualTo(before);
        } else {
            assertThat(sheet.toDocument()).isNotEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theCachedViewsForgetWhatEveryEventChanges(Sample sample) {
        ProfileSheet viewedAsItWent = folded(sample.before());
        if (viewedAsItWent.exists()) {
            viewedAsItWent.toView();
        }
        viewedAsItWent.apply(sample.event(), BOB);

        ProfileSheet foldedAtOnce = folded(sample.before());
        foldedAtOnce.apply(sample.event(), BOB);

        assertThat(viewedAsItWent.toView()).isEqualTo(foldedAtOnce.toView());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyEventSaysWhatItTouches(Sample sample) {
        assertThat(Touch.of(sample.event())).containsExactlyInAnyOrderElementsOf(sample.touches());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyEventSaysWhatChangeStreamsMatchOn(Sample sample) {
        assertThatCode(() -> ChangeSubject.of(sample.event())).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyEventThatAddsSomethingAnswersItsId(Sample sample) {
        assertThat(Profile.createdId(sample.event())).isEqualTo(sample.createdId());
    }

    private static Sample fresh(ProfileEvent creation, Set<Touch> touches) {
        return new Sample(creation, null, touches, null);
    }

    private static Sample edit(ProfileEvent event, Touch... touches) {
        return new Sample(event, List.of(), Set.of(touches), null);
    }

    /** A review of revision 2's change: the profile's revision moves on, its content stays. */
    private static Sample review(ProfileEvent event) {
        return new Sample(event, List.of(new FactSet(PROFILE, 2, "HQ", "Paris")), Set.of(), null);
    }

    private static Sample creating(ProfileEvent event, String createdId, Touch... touches) {
        return new Sample(event, List.of(), Set.of(touches), createdId);
    }

    /** The imported document with {@code events} applied after it; null: a profile not created yet. */
    private static ProfileSheet folded(List<ProfileEvent> events) {
        ProfileSheet sheet = new ProfileSheet();
        if (events != null) {
            sheet.apply(new ProfileImported(PROFILE, 1, DOCUMENT), ALICE);
            events.forEach(event -> sheet.apply(event, BOB));
        }
        return sheet;
    }
}
