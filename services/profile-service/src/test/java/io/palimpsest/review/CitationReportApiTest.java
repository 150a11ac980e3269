package io.palimpsest.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The citation integrity report over HTTP, of one profile and across profiles. */
class CitationReportApiTest extends ServiceTest {

    private String profile;

    @BeforeEach
    void importProfileWithEveryKindOfProblem() {
        profile = CitingProfile.importedBy(alice());
    }

    @Test
    void aProfilesReportNamesEachProblemInTheOrderOfTheProfileAndLeavesRetractedClaimsOut() {
        JsonNode report = as("rita").get(path("/citation-report")).json();

        assertThat(report.get("profileId").asText()).isEqualTo(profile);
        assertThat(report.get("name").asText()).isEqualTo(CitingProfile.NAME);
        assertThat(report.get("revision").asLong()).isEqualTo(6);
        assertThat(kinds(report.get("problems"))).containsExactly("uncited-claim", "dangling-citation",
                "unused-source", "duplicate-source", "unused-source", "non-http-url", "unused-source");
        JsonNode uncited = report.at("/problems/0/claim");
        assertThat(uncited.get("id").asText()).isEqualTo("uncited");
        assertThat(uncited.get("sectionId").asText()).isEqualTo("what-they-do");
        assertThat(uncited.get("sectionTitle").asText()).isEqualTo("What They Do");
        assertThat(uncited.get("excerpt").asText()).startsWith("An uncited claim that goes on").endsWith(" at a space…")
                .hasSizeLessThanOrEqualTo(CitationProblems.EXCERPT_LENGTH + 1);
        JsonNode dangling = report.at("/problems/1");
        assertThat(dangling.at("/claim/id").asText()).isEqualTo("orphan");
        assertThat(dangling.at("/claim/sectionTitle").asText()).isEqualTo("Strengths");
        assertThat(dangling.get("missingSourceId").asText()).isEqualTo("s5");
        JsonNode duplicate = report.at("/problems/3");
        assertThat(duplicate.at("/source/id").asText()).isEqualTo("s2");
        assertThat(duplicate.at("/source/number").asInt()).isEqualTo(2);
        assertThat(duplicate.at("/source/url").asText()).isEqualTo("HTTPS://Example.org/a/#top");
        assertThat(duplicate.at("/sameUrlAs/id").asText()).isEqualTo("s1");
        assertThat(report.at("/problems/5/source/title").asText()).isEqualTo("A file server");
        assertThat(report.at("/problems/6/source/id").asText()).isEqualTo("s4");
        assertThat(report.get("counts")).isEqualTo(counts(1, 1, 3, 1, 1));
    }

    @Test
    void aProfilesReportFollowsTheNextEditAtOnce() {
        ApiClient.Answer cited = alice().put(path("/claims/uncited/citations/s2"), Map.of());
        CitingProfile.applied(cited);

        JsonNode report = as("rita").get(path("/citation-report")).json();

        assertThat(report.get("revision").asLong()).isEqualTo(cited.json().get("revision").asLong());
        assertThat(kinds(report.get("problems"))).containsExactly("dangling-citation", "duplicate-source",
                "unused-source", "non-http-url", "unused-source");
    }

    @Test
    void theReportAcrossProfilesCountsEveryProfileAndPagesThoseWithProblemsOfAKind() {
        JsonNode all = as("rita").get("/api/citation-report").json();
        assertThat(all.at("/totals/profiles").asInt()).isEqualTo(as("rita").get("/api/profiles").json().size());
        assertThat(all.at("/totals/problems/danglingCitations").asInt()).isPositive();
        assertThat(all.get("page").asInt()).isZero();
        assertThat(all.get("size").asInt()).isEqualTo(20);

        JsonNode entry = entryOf(profile, "dangling-citation").orElseThrow();

        assertThat(entry.get("name").asText()).isEqualTo(CitingProfile.NAME);
        assertThat(entry.get("counts")).isEqualTo(counts(1, 1, 3, 1, 1));
        assertThat(kinds(entry.get("problems"))).containsExactly("dangling-citation");
        assertThat(entry.at("/problems/0/claim/id").asText()).isEqualTo("orphan");
        assertThat(entry.get("moreProblems").asInt()).isZero();
        assertThat(kinds(entryOf(profile, null).orElseThrow().get("problems"))).hasSize(7);
    }

    @Test
    void aProfileWithManyProblemsListsTheFirstTenAcrossProfilesAndNoProblemsKeepsAProfileOffThePages() {
        String many = "uncited-" + UUID.randomUUID().toString().substring(0, 8);
        String clean = "clean-" + UUID.randomUUID().toString().substring(0, 8);
        importProfile(many, IntStream.range(0, 12)
                .mapToObj(i -> CitingProfile.claim("c" + i, "BULLET", "Uncited " + i, List.of())).toList(), List.of());
        importProfile(clean, List.of(CitingProfile.claim("c1", "PARAGRAPH", "Cited.", List.of("s1"))),
                List.of(CitingProfile.source("s1", 1, "Source", "https://example.org/clean")));

        JsonNode entry = entryOf(many, "uncited-claim").orElseThrow();

        assertThat(entry.at("/counts/uncitedClaims").asInt()).isEqualTo(12);
        assertThat(entry.get("problems")).hasSize(CitationReports.PROBLEMS_PER_PROFILE);
        assertThat(entry.at("/problems/0/claim/id").asText()).isEqualTo("c0");
        assertThat(entry.get("moreProblems").asInt()).isEqualTo(2);
        assertThat(entryOf(clean, null)).isEmpty();
        assertThat(as("rita").get("/api/profiles/" + clean + "/citation-report").json().at("/counts/total").asInt())
                .isZero();
    }

    @Test
    void aRebuildOfTheReadModelsRebuildsTheReportAcrossProfilesAsItWas() {
        ApiClient rita = as("rita");
        JsonNode before = rita.get("/api/citation-report?size=100").json();

        assertThat(as("ada").post("/api/admin/replay", Map.of()).status()).isEqualTo(202);
        while (as("ada").get("/api/admin/replay").json().get("rebuilding").asBoolean()) {
            pause();
        }

        assertThat(rita.get("/api/citation-report?size=100").json()).isEqualTo(before);
        assertThat(entryOf(profile, "dangling-citation")).isPresent();
    }

    @Test
    void anUnknownProfileIsNotFoundAndBadParametersAreRefused() {
        ApiClient rita = as("rita");
        ApiClient.Answer unknown = rita.get("/api/profiles/nobody-here/citation-report");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(rita.get("/api/profiles/Not_A_Slug/citation-report").status()).isEqualTo(400);

        ApiClient.Answer atRevision = rita.get(path("/citation-report?at=3"));
        assertThat(atRevision.status()).isEqualTo(400);
        assertThat(atRevision.json().get("detail").asText()).contains("'at' is not a parameter").contains("minRevision");
        ApiClient.Answer sorted = rita.get("/api/citation-report?sort=name");
        assertThat(sorted.status()).isEqualTo(400);
        assertThat(sorted.json().get("detail").asText()).contains("kind, page, size");
        ApiClient.Answer badKind = rita.get("/api/citation-report?kind=typo");
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.json().get("detail").asText()).contains("uncited-claim, dangling-citation, unused-source, "
                + "duplicate-source, non-http-url");
        assertThat(rita.get("/api/citation-report?size=0").status()).isEqualTo(400);
        assertThat(rita.get("/api/citation-report?size=101").status()).isEqualTo(400);
        assertThat(rita.get("/api/citation-report?page=-1").status()).isEqualTo(400);
        assertThat(rita.get(path("/citation-report?minRevision=0")).status()).isEqualTo(400);
    }

    // ---- helpers ----

    /** The profile's entry in the report across profiles (of problems of {@code kind}), on whichever page it is. */
    private Optional<JsonNode> entryOf(String profileId, String kind) {
        for (int page = 0; ; page++) {
            JsonNode overview = as("rita").get("/api/citation-report?size=100&page=" + page
                    + (kind == null ? "" : "&kind=" + kind)).json();
            for (JsonNode entry : overview.get("profiles")) {
                if (entry.get("profileId").asText().equals(profileId)) {
                    return Optional.of(entry);
                }
            }
            if ((page + 1) * 100 >= overview.get("matching").asInt()) {
                return Optional.empty();
            }
        }
    }

    private void importProfile(String id, List<Map<String, Object>> claims, List<Map<String, Object>> sources) {
        Map<String, Object> document = Map.of("identity", Map.of("name", id),
                "sections", List.of(Map.of("id", "main", "title", "Main", "claims", claims)), "sources", sources);
        assertThat(alice().post("/api/profiles/import?id=" + id, document).status()).isEqualTo(201);
    }

    private String path(String below) {
        return "/api/profiles/" + profile + below;
    }

    private static List<String> kinds(JsonNode problems) {
        List<String> kinds = new ArrayList<>();
        problems.forEach(problem -> kinds.add(problem.get("kind").asText()));
        return kinds;
    }

    private static JsonNode counts(int uncited, int dangling, int unused, int duplicate, int nonHttp) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Map.of("uncitedClaims", uncited,
                "danglingCitations", dangling, "unusedSources", unused, "duplicateSources", duplicate,
                "nonHttpUrls", nonHttp, "total", uncited + dangling + unused + duplicate + nonHttp));
    }
}
