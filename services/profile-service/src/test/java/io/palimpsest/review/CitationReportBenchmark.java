package io.palimpsest.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.BenchmarkReport;
import io.palimpsest.api.ReadModelsCaughtUp;
import io.palimpsest.api.ServiceTest;
import io.palimpsest.model.ClaimDocument;
import io.palimpsest.model.ClaimKind;
import io.palimpsest.model.Identity;
import io.palimpsest.model.ProfileDocument;
import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.SectionDocument;
import io.palimpsest.model.Source;
import io.palimpsest.model.api.ProfileView;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (docs/benchmarks.md, "Citation report"): {@value #EVENTS} events — {@value #PROFILES_PROPERTY}
 * profiles (default 200), each imported and then edited for an equal share of revisions, one event and one commit
 * each — appended straight to the embedded H2 event store and folded by the current-profile projection (which keeps the citation report), then the
 * report of one profile and the report across profiles timed over HTTP and in-process, and the report's share of a
 * projection batch. Run with {@code -Dcitations.benchmark=true}; prints the figures and writes them to
 * {@code target/citation-report-benchmark.txt}; {@code -Dcitations.benchmark.engine=memory} runs it on the in-memory
 * store. Nothing here is asserted about speed.
 */
@EnabledIfSystemProperty(named = "citations.benchmark", matches = "true")
@TestPropertySource(properties = "palimpsest.storage.engine=${citations.benchmark.engine:h2}")
class CitationReportBenchmark extends ServiceTest {

    private static final String PROFILES_PROPERTY = "citations.benchmark.profiles";
    private static final int EVENTS = 100_000;
    private static final int PROFILES = Integer.getInteger(PROFILES_PROPERTY, 200);
    private static final int REVISIONS = EVENTS / PROFILES;
    private static final int SECTIONS = 5;
    private static final int SOURCES = 20;
    private static final int CLAIMS = 60;
    private static final int REVISIONS_PER_APPEND = 20;
    private static final int WARM_UP = 300;
    private static final int MEASURED = 1_000;

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    CitationReports reports;

    @Autowired
    ObjectMapper json;

    private final BenchmarkReport report = new BenchmarkReport();

    @Test
    void reportsOfOneProfileAndAcrossProfiles() throws IOException {
        long started = System.nanoTime();
        append();
        long appended = System.nanoTime();
        ReadModelsCaughtUp.await(eventStore, processing);
        report.note("%d profiles x %d revisions = %d events appended in %.1f s, folded by every read model %.1f s later; "
                + "load %s", PROFILES, REVISIONS, PROFILES * REVISIONS, (appended - started) / 1e9,
                (System.nanoTime() - appended) / 1e9, BenchmarkReport.load());

        ApiClient rita = as("rita");
        JsonCheck.counts(rita.get("/api/citation-report").json(), PROFILES);
        Random random = new Random(7);
        time("the profile itself, for comparison (HTTP GET /api/profiles/{id})", i -> ok(rita.get("/api/profiles/"
                + profileId(random.nextInt(PROFILES)))));
        time("one profile's report (HTTP)", i -> ok(rita.get("/api/profiles/" + profileId(random.nextInt(PROFILES))
                + "/citation-report")));
        time("across profiles, first page of 20 (HTTP)", i -> ok(rita.get("/api/citation-report")));
        time("across profiles, uncited claims, a random page (HTTP)", i -> ok(rita.get(
                "/api/citation-report?kind=uncited-claim&page=" + random.nextInt(Math.max(1, PROFILES / 20)))));
        time("across profiles, first page of 100 (HTTP)", i -> ok(rita.get("/api/citation-report?size=100")));
        time("across profiles, first page of 20 (in-process)", i -> reports.overview(null, 0, 20));

        List<ProfileView> views = new ArrayList<>();
        for (int p = 0; p < 100; p++) {
            views.add(json.readValue(rita.get("/api/profiles/" + profileId(p)).body(), ProfileView.class));
        }
        time("a batch's citation writes, 1 profile, unchanged", i -> reports.prepare(
                List.of(views.get(i % views.size()))).run());
        time("a batch's citation writes, 100 profiles, unchanged", i -> reports.prepare(views).run());
        time("a batch's citation writes, 1 profile, changed", i -> reports.prepare(
                List.of(renamed(views.get(i % views.size()), i))).run());
        time("a batch's citation writes, 100 profiles, changed", i -> reports.prepare(
                views.stream().map(view -> renamed(view, i)).toList()).run());
        report.writeTo(Path.of("target", "citation-report-benchmark.txt"));
    }

    /** The view under another name: a report that differs from the one stored. */
    private static ProfileView renamed(ProfileView view, int i) {
        return new ProfileView(view.id(), view.revision(), new Identity("Renamed " + i, null, null, null), view.facts(),
                view.sections(), view.sources(), view.connections());
    }

    // ---- the data: small profiles with every kind of problem but dangling citations, edited at length ----

    /** Rounds of {@value #REVISIONS_PER_APPEND} revisions of every profile, each revision a commit of its own. */
    private void append() {
        for (int first = 1; first <= REVISIONS; first += REVISIONS_PER_APPEND) {
            eventStore.publish(IntStream.range(first, Math.min(first + REVISIONS_PER_APPEND, REVISIONS + 1)).boxed()
                    .flatMap(revision -> IntStream.range(0, PROFILES).mapToObj(p -> event(profileId(p), revision)))
                    .<EventMessage<?>>map(event -> new GenericDomainEventMessage<>("Profile", event.profileId(),
                            event.revision() - 1, event, MetaData.with("editor", "alice")))
                    .toList());
        }
    }

    private static String profileId(int index) {
        return "cited-" + index;
    }

    /**
     * Imported at revision 1 with sections, sources (the tenth a duplicate URL of the ninth, the twentieth on ftp) and claims (a
     * third uncited, the rest citing one source each, so some sources go unused); then revisions of claims, citations
     * cited and uncited in turn, and facts.
     */
    private static ProfileEvent event(String profileId, int revision) {
        if (revision == 1) {
            return new ProfileEvent.ProfileImported(profileId, 1, document(profileId));
        }
        int claim = revision % CLAIMS;
        String source = "src" + ((claim + 7) % SOURCES + 1);
        return switch (revision % 10) {
            case 0 -> new ProfileEvent.FactSet(profileId, revision, "fact" + revision % 5, "value " + revision);
            case 1 -> (revision / CLAIMS) % 2 == 0
                    ? new ProfileEvent.SourceCited(profileId, revision, "c" + claim, source)
                    : new ProfileEvent.SourceUncited(profileId, revision, "c" + claim, source);
            default -> new ProfileEvent.ClaimRevised(profileId, revision, "c" + claim, text(claim, revision), null,
                    List.of(), revision - 1, false);
        };
    }

    private static ProfileDocument document(String profileId) {
        List<SectionDocument> sections = IntStream.range(0, SECTIONS).mapToObj(section -> new SectionDocument(
                "s" + section, "Section " + section, IntStream.range(0, CLAIMS).filter(c -> c % SECTIONS == section)
                .mapToObj(c -> new ClaimDocument("c" + c, ClaimKind.PARAGRAPH, null, text(c, 1), List.of(),
                        c % 3 == 0 ? List.of() : List.of("src" + (c % (SOURCES - 4) + 1)), null)).toList(),
                List.of())).toList();
        List<Source> sources = IntStream.rangeClosed(1, SOURCES).mapToObj(number -> new Source("src" + number, number,
                "Source " + number, number % 20 == 0 ? "ftp://files.example.org/" + number
                : "https://example.org/" + profileId + "/" + (number % 10 == 0 ? number - 1 : number), null)).toList();
        return new ProfileDocument(new Identity("Cited " + profileId, null, "Research", null), List.of(), sections,
                sources, List.of());
    }

    private static String text(int claim, int revision) {
        return "Claim " + claim + " as written at revision " + revision
                + ": the organisation publishes its evaluations and names the models it tested.";
    }

    // ---- measuring ----

    private void time(String what, IntConsumer call) {
        report.time(what, WARM_UP, MEASURED, call);
    }

    private static void ok(ApiClient.Answer answer) {
        if (answer.status() != 200) {
            throw new AssertionError(answer.status() + " " + answer.body());
        }
    }

    /** Not timed: the report holds what the data was made to hold. */
    private static final class JsonCheck {
        static void counts(com.fasterxml.jackson.databind.JsonNode overview, int profiles) {
            assertThat(overview.at("/totals/profiles").asInt()).isEqualTo(profiles);
            assertThat(overview.at("/totals/problems/uncitedClaims").asInt()).isPositive();
            assertThat(overview.at("/totals/problems/duplicateSources").asInt()).isEqualTo(profiles);
            assertThat(overview.at("/totals/problems/nonHttpUrls").asInt()).isEqualTo(profiles);
        }
    }
}
