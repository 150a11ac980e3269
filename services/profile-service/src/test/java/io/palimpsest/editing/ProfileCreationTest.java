package io.palimpsest.editing;

import io.palimpsest.model.ClaimDocument;
import io.palimpsest.model.ClaimKind;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.Identity;
import io.palimpsest.model.ProfileCommand.CreateProfile;
import io.palimpsest.model.ProfileCommand.ImportProfile;
import io.palimpsest.model.ProfileDocument;
import io.palimpsest.model.ProfileEvent.ProfileCreated;
import io.palimpsest.model.ProfileEvent.ProfileImported;
import io.palimpsest.model.SectionDocument;
import io.palimpsest.model.api.EditResult;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.palimpsest.editing.ProfileFixtures.*;

class ProfileCreationTest {

    private static final Identity ACME = new Identity("Acme", null, null, null);

    private FixtureConfiguration<Profile> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    @Test
    void createsAnEmptyProfileAtRevisionOne() {
        fixture.givenNoPriorActivity()
                .when(new CreateProfile(PROFILE, EditNote.unbased("new", null), ACME), AS_ALICE)
                .expectEvents(new ProfileCreated(PROFILE, 1, ACME))
                .expectResultMessagePayload(EditResult.at(PROFILE, 1));
    }

    @Test
    void rejectsAProfileWithoutAName() {
        fixture.givenNoPriorActivity()
                .when(new CreateProfile(PROFILE, EditNote.NONE, new Identity(" ", null, null, null)), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("The name must not be blank");
    }

    @Test
    void importsAWholeDocumentAsOneRevision() {
        fixture.givenNoPriorActivity()
                .when(new ImportProfile(PROFILE, EditNote.unbased("import", "imp-1"), DOCUMENT), AS_ALICE)
                .expectEvents(new ProfileImported(PROFILE, 1, DOCUMENT))
                .expectResultMessagePayload(EditResult.at(PROFILE, 1));
    }

    @Test
    void rejectsCreatingAProfileThatExists() {
        fixture.given(imported())
                .when(new CreateProfile(PROFILE, EditNote.NONE, ACME), AS_BOB)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Profile 'acme' already exists")
                .expectNoEvents();
    }

    @Test
    void rejectsImportingOverAProfileThatExistsAndSaysHowToImportBesideIt() {
        fixture.given(imported())
                .when(new ImportProfile(PROFILE, EditNote.NONE, DOCUMENT), AS_BOB)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Profile 'acme' already exists; import under another id with ?id=")
                .expectNoEvents();
    }

    @Test
    void answersARetriedImportWithTheFirstResult() {
        fixture.given(imported().andMetaData(Map.of("commandId", "imp-1")))
                .when(new ImportProfile(PROFILE, EditNote.unbased(null, "imp-1"), DOCUMENT), AS_ALICE)
                .expectNoEvents()
                .expectResultMessagePayload(EditResult.at(PROFILE, 1));
    }

    @Test
    void rejectsAnImportWithDuplicateClaimIds() {
        ClaimDocument claim = new ClaimDocument("c1", ClaimKind.PARAGRAPH, null, "Text.", null, null, null);
        ProfileDocument twice = new ProfileDocument(ACME, null,
                List.of(new SectionDocument("a", "A", List.of(claim, claim), null)), null, null);
        fixture.givenNoPriorActivity()
                .when(new ImportProfile(PROFILE, EditNote.NONE, twice), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Duplicate claim id 'c1'");
    }

    @Test
    void rejectsAnImportCitingAMissingSource() {
        ClaimDocument claim = new ClaimDocument("c1", ClaimKind.PARAGRAPH, null, "Text.", null, List.of("s9"), null);
        ProfileDocument document = new ProfileDocument(ACME, null,
                List.of(new SectionDocument("a", "A", List.of(claim), null)), null, null);
        fixture.givenNoPriorActivity()
                .when(new ImportProfile(PROFILE, EditNote.NONE, document), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Claim 'c1' cites a missing source 's9'");
    }

    @Test
    void rejectsAnImportNestingSectionsTwoLevelsDeep() {
        SectionDocument deepest = new SectionDocument("c", "C", null, null);
        SectionDocument middle = new SectionDocument("b", "B", null, List.of(deepest));
        ProfileDocument document = new ProfileDocument(ACME, null,
                List.of(new SectionDocument("a", "A", null, List.of(middle))), null, null);
        fixture.givenNoPriorActivity()
                .when(new ImportProfile(PROFILE, EditNote.NONE, document), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Sections nest one level deep; 'b' nests deeper");
    }
}
