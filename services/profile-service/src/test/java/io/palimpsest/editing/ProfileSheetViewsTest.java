package io.palimpsest.editing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palimpsest.model.ClaimKind;
import io.palimpsest.model.Connection;
import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.ProfileEvent.*;
import io.palimpsest.model.Source;
import io.palimpsest.model.api.ClaimView;
import io.palimpsest.model.api.ProfileView;
import io.palimpsest.model.api.SectionView;
import org.junit.jupiter.api.Test;

/**
 * The sheet keeps the views of what an event left alone and hands them out again. These tests fold thousands of
 * random events of every kind and compare, after each, the sheet's view with that of a fresh copy that has no
 * cached views, and check that a section no event touched is the very same instance (history relies on it).
 */
class ProfileSheetViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String PROFILE = "acme";

    private final Random random = new Random(7);
    private final List<String> retracted = new ArrayList<>();
    private long revision = 1;
    private int next;

    @Test
    void cachedViewsAlwaysEqualTheViewsOfAFreshlyFoldedCopy() {
        ProfileSheet sheet = new ProfileSheet();
        sheet.apply(new ProfileImported(PROFILE, revision, ProfileFixtures.DOCUMENT), "alice");
        for (int i = 0; i < 3_000; i++) {
            ProfileView before = fresh(sheet).toView();
            sheet.toView();
            sheet.apply(randomEvent(before), i % 2 == 0 ? "alice" : "bob");
            assertThat(sheet.toView()).as("after event %d", i).isEqualTo(fresh(sheet).toView());
        }
    }

    @Test
    void aSectionNoEventTouchedIsHandedOutAsTheSameInstance() {
        ProfileSheet sheet = new ProfileSheet();
        sheet.apply(new ProfileImported(PROFILE, 1, ProfileFixtures.DOCUMENT), "alice");
        SectionView analysis = sheet.toView().sections().get(1);

        sheet.apply(new ClaimRevised(PROFILE, 2, "c1", "They study model behaviour closely.", "Research", List.of(),
                1, false), "bob");
        sheet.apply(new FactSet(PROFILE, 3, "Staff", "12"), "bob");

        ProfileView after = sheet.toView();
        assertThat(after.sections().get(1)).isSameAs(analysis);
        assertThat(after.sections().get(0).claims().get(0).text()).isEqualTo("They study model behaviour closely.");
    }

    private ProfileEvent randomEvent(ProfileView view) {
        long r = ++revision;
        List<SectionView> sections = view.sections().stream()
                .flatMap(s -> Stream.concat(Stream.of(s), s.subsections().stream())).toList();
        List<ClaimView> claims = sections.stream().flatMap(s -> s.claims().stream()).toList();
        List<Supplier<ProfileEvent>> choices = new ArrayList<>(List.of(
                () -> new FactSet(PROFILE, r, "fact" + random.nextInt(5), "value " + r),
                () -> new SectionAdded(PROFILE, r, "new-s" + next++, "Section " + r, null,
                        random.nextInt(view.sections().size() + 1)),
                () -> new ClaimAdded(PROFILE, r, pick(sections).id(), "new-c" + next++, ClaimKind.PARAGRAPH, null,
                        "Claim written at " + r, List.of(), List.of(), null, 0),
                () -> new SourceAdded(PROFILE, r, new Source("src" + next, 100 + next++, "Source " + r, null, null)),
                () -> new ConnectionAdded(PROFILE, r, new Connection("x" + next++, "Org " + r, "peer", null))));
        if (!view.facts().isEmpty()) {
            choices.add(() -> new FactRemoved(PROFILE, r, pick(view.facts()).key()));
        }
        SectionView top = pick(view.sections());
        choices.add(() -> new SectionAdded(PROFILE, r, "new-s" + next++, "Sub " + r, top.id(),
                random.nextInt(top.subsections().size() + 1)));
        choices.add(() -> new SectionRenamed(PROFILE, r, pick(sections).id(), "Renamed at " + r));
        choices.add(() -> new SectionMoved(PROFILE, r, top.id(), random.nextInt(view.sections().size())));
        if (!top.subsections().isEmpty()) {
            SectionView sub = pick(top.subsections());
            choices.add(() -> new SectionMoved(PROFILE, r, sub.id(), random.nextInt(top.subsections().size())));
        }
        sections.stream().filter(s -> s.id().startsWith("new-s") && s.claims().isEmpty() && s.subsections().isEmpty())
                .findFirst()
                .ifPresent(empty -> choices.add(() -> new SectionRemoved(PROFILE, r, empty.id())));
        if (!claims.isEmpty()) {
            ClaimView claim = pick(claims);
            SectionView target = pick(sections);
            choices.add(() -> new ClaimRevised(PROFILE, r, claim.id(), claim.text() + " revised at " + r,
                    claim.label(), claim.items(), r - 1, false));
            choices.add(() -> new ClaimMoved(PROFILE, r, claim.id(), target.id(),
                    random.nextInt(target.claims().size() + 1)));
            choices.add(() -> {
                retracted.add(claim.id());
                return new ClaimRetracted(PROFILE, r, claim.id());
            });
            if (!view.sources().isEmpty()) {
                Source source = pick(view.sources());
                choices.add(() -> claim.citations().contains(source.id())
                        ? new SourceUncited(PROFILE, r, claim.id(), source.id())
                        : new SourceCited(PROFILE, r, claim.id(), source.id()));
            }
        }
        if (!retracted.isEmpty()) {
            choices.add(() -> new ClaimRestored(PROFILE, r, retracted.remove(random.nextInt(retracted.size()))));
        }
        if (!view.sources().isEmpty()) {
            Source source = pick(view.sources());
            choices.add(() -> new SourceEdited(PROFILE, r, new Source(source.id(), source.number(), "Edited " + r,
                    source.url(), source.site())));
        }
        if (!view.connections().isEmpty()) {
            choices.add(() -> new ConnectionRemoved(PROFILE, r, pick(view.connections()).id()));
        }
        if (random.nextInt(200) == 0) {
            choices.add(() -> {
                retracted.clear();
                return new ProfileReverted(PROFILE, r, 1, ProfileFixtures.DOCUMENT);
            });
        }
        return pick(choices).get();
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static ProfileSheet fresh(ProfileSheet sheet) {
        try {
            return JSON.readValue(JSON.writeValueAsString(sheet), ProfileSheet.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
