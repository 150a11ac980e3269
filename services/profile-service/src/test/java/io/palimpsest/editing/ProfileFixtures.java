package io.palimpsest.editing;

import io.palimpsest.editors.PlainNames;
import io.palimpsest.model.ClaimDocument;
import io.palimpsest.model.ClaimKind;
import io.palimpsest.model.Connection;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.Fact;
import io.palimpsest.model.Identity;
import io.palimpsest.model.ProfileDocument;
import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.ProfileEvent.ProfileImported;
import io.palimpsest.model.SectionDocument;
import io.palimpsest.model.Source;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

import java.util.List;
import java.util.Map;

/** A small imported profile to edit in aggregate tests, and the fixture that edits it. */
final class ProfileFixtures {

    static final String PROFILE = "acme";
    static final String ALICE = "alice";
    static final String BOB = "bob";
    static final Map<String, Object> AS_ALICE = Map.of("editor", ALICE);
    static final Map<String, Object> AS_BOB = Map.of("editor", BOB);

    static final ProfileDocument DOCUMENT = new ProfileDocument(
            new Identity("Acme Safety Institute", "Acme", "Research", "Careful people."),
            List.of(new Fact("Founded", "2020"), new Fact("HQ", "London")),
            List.of(
                    new SectionDocument("what-they-do", "What They Do", List.of(
                            new ClaimDocument("c1", ClaimKind.LABELLED, "Research", "They study model behaviour.",
                                    List.of(), List.of("s1"), null),
                            new ClaimDocument("c2", ClaimKind.PARAGRAPH, null,
                                    "The quick brown fox jumps over the lazy dog.", List.of(), List.of(), null)),
                            List.of()),
                    new SectionDocument("analysis", "Analysis", List.of(), List.of(
                            new SectionDocument("strengths", "Strengths", List.of(
                                    new ClaimDocument("c3", ClaimKind.NUMBERED, null, "Strong team.", List.of(),
                                            List.of(), null)), List.of())))),
            List.of(new Source("s1", 1, "Annual report", "https://acme.example/report", "acme.example"),
                    new Source("s2", 2, "Interview", null, "news.example")),
            List.of(new Connection("x1", "Other Org", "collaborator", null)));

    private ProfileFixtures() {
    }

    static FixtureConfiguration<Profile> fixture() {
        AggregateTestFixture<Profile> fixture = new AggregateTestFixture<>(Profile.class);
        fixture.registerCommandTargetResolver(new ProfileAggregateConfiguration().profileCommandTargetResolver());
        fixture.registerInjectableResource(PlainNames.only());
        return fixture;
    }

    /** The note of an edit made against {@code baseRevision}, with no summary or command id. */
    static EditNote at(long baseRevision) {
        return new EditNote(baseRevision, null, null);
    }

    /** The profile imported by alice at revision 1. */
    static GenericDomainEventMessage<ProfileImported> imported() {
        return byEditor(0, new ProfileImported(PROFILE, 1, DOCUMENT), ALICE);
    }

    /** Claim c2's text as bob revised it at {@code revision}, from the revision before. */
    static ProfileEvent.ClaimRevised revisedByBob(long revision, String text) {
        return new ProfileEvent.ClaimRevised(PROFILE, revision, "c2", text, null, List.of(), revision - 1, false);
    }

    /** An event as the store returns it: with its sequence number and editor. */
    static <E extends ProfileEvent> GenericDomainEventMessage<E> byEditor(long sequence, E event, String editor) {
        return new GenericDomainEventMessage<>("Profile", PROFILE, sequence, event, MetaData.with("editor", editor));
    }
}
