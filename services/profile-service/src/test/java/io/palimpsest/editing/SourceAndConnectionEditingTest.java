package io.palimpsest.editing;

import io.palimpsest.model.Connection;
import io.palimpsest.model.ProfileCommand.*;
import io.palimpsest.model.ProfileEvent.*;
import io.palimpsest.model.Source;
import io.palimpsest.model.api.EditResult;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.palimpsest.editing.ProfileFixtures.*;

class SourceAndConnectionEditingTest {

    private FixtureConfiguration<Profile> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    @Test
    void numbersANewSourceAfterTheLastOne() {
        fixture.given(imported())
                .when(new AddSource(PROFILE, at(1), "Blog post", "https://blog.example/p", null), AS_ALICE)
                .expectEvents(new SourceAdded(PROFILE, 2, new Source("s3", 3, "Blog post", "https://blog.example/p",
                        null)))
                .expectResultMessagePayload(new EditResult(PROFILE, 2, "s3"));
    }

    @Test
    void neverReusesTheNumberOfARemovedSource() {
        fixture.given(imported(), byEditor(1, new SourceRemoved(PROFILE, 2, "s2"), BOB))
                .when(new AddSource(PROFILE, at(2), "Again", null, "again.example"), AS_ALICE)
                .expectEvents(new SourceAdded(PROFILE, 3, new Source("s3", 3, "Again", null, "again.example")));
    }

    @Test
    void rejectsASourceWithNeitherUrlNorSite() {
        fixture.given(imported())
                .when(new AddSource(PROFILE, at(1), "Nowhere", null, " "), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("A source needs a URL or a site");
    }

    @Test
    void editsASource() {
        fixture.given(imported())
                .when(new EditSource(PROFILE, at(1), "s2", "Long interview", null, "news.example"), AS_ALICE)
                .expectEvents(new SourceEdited(PROFILE, 2, new Source("s2", 2, "Long interview", null,
                        "news.example")));
    }

    @Test
    void removesAnUncitedSource() {
        fixture.given(imported())
                .when(new RemoveSource(PROFILE, at(1), "s2"), AS_ALICE)
                .expectEvents(new SourceRemoved(PROFILE, 2, "s2"));
    }

    @Test
    void rejectsRemovingASourceThatIsStillCited() {
        fixture.given(imported())
                .when(new RemoveSource(PROFILE, at(1), "s1"), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Source 's1' is still cited by claim c1; uncite it there first");
    }

    @Test
    void aRefusedRemovalOfACitedSourceNamesEveryClaimCitingIt() {
        fixture.given(imported(), byEditor(1, new SourceCited(PROFILE, 2, "c3", "s1"), BOB))
                .when(new RemoveSource(PROFILE, at(2), "s1"), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Source 's1' is still cited by claims c1, c3; uncite it there first");
    }

    @Test
    void rejectsEditingAnUnknownSource() {
        fixture.given(imported())
                .when(new EditSource(PROFILE, at(1), "s9", "T", "https://x.example", null), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Profile 'acme' has no source 's9'");
    }

    @Test
    void addsAConnection() {
        fixture.given(imported())
                .when(new AddConnection(PROFILE, at(1), null, "Beta Lab", "staff from", "Ada"), AS_ALICE)
                .expectEvents(new ConnectionAdded(PROFILE, 2, new Connection("x2", "Beta Lab", "staff from", "Ada")));
    }

    @Test
    void rejectsAConnectionWithoutRelation() {
        fixture.given(imported())
                .when(new AddConnection(PROFILE, at(1), null, "Beta Lab", null, null), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("The connection relation must not be blank");
    }

    @Test
    void removesAConnection() {
        fixture.given(imported())
                .when(new RemoveConnection(PROFILE, at(1), "x1"), AS_ALICE)
                .expectEvents(new ConnectionRemoved(PROFILE, 2, "x1"));
    }

    @Test
    void rejectsRemovingAnUnknownConnection() {
        fixture.given(imported())
                .when(new RemoveConnection(PROFILE, at(1), "x9"), AS_ALICE)
                .expectException(ProfileRejection.class)
                .expectExceptionMessage("Profile 'acme' has no connection 'x9'");
    }
}
