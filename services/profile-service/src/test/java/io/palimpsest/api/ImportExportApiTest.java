package io.palimpsest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample page through the real import endpoint, and export → import round trips. */
class ImportExportApiTest extends ServiceTest {

    static String sample() throws IOException {
        try (InputStream in = ImportExportApiTest.class.getResourceAsStream("/samples/000_9766725a61e7e7e5.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode section(JsonNode sections, String title) {
        for (JsonNode section : sections) {
            if (section.get("title").asText().equals(title)) {
                return section;
            }
        }
        throw new AssertionError("No section '" + title + "' in " + sections);
    }

    @Test
    void importsTheSamplePageWithEveryCount() throws IOException {
        String id = unique("beijing");
        ApiClient.Answer answer = alice().postText("/api/profiles/import?id=" + id, "text/plain", sample());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("id").asText()).isEqualTo(id);
        assertThat(answer.json().get("revision").asLong()).isEqualTo(1);

        JsonNode profile = alice().get("/api/profiles/" + id + "?minRevision=1").json();
        assertThat(profile.at("/identity/name").asText()).isEqualTo("Beijing Institute of AI Safety and Governance");
        assertThat(profile.at("/identity/shortName").asText()).isEqualTo("Beijing-AISI");
        assertThat(profile.at("/identity/category").asText()).isEqualTo("Governance");
        assertThat(profile.get("facts")).hasSize(4);
        JsonNode sections = profile.get("sections");
        Map<String, Integer> claimCounts = Map.of("Theory of Change", 7, "What They Do", 4, "Key People", 3,
                "Money and Incentives", 5, "What Others Say", 5, "What's Absent", 9, "Recommended Reading", 4);
        claimCounts.forEach((title, count) -> assertThat(section(sections, title).get("claims")).as(title).hasSize(count));
        long numbered = 0;
        for (JsonNode claim : section(sections, "Theory of Change").get("claims")) {
            numbered += claim.get("kind").asText().equals("NUMBERED") ? 1 : 0;
        }
        assertThat(numbered).isEqualTo(5);
        for (JsonNode reading : section(sections, "Recommended Reading").get("claims")) {
            assertThat(reading.get("url").asText()).startsWith("https://");
        }
        JsonNode analysis = sections.get(sections.size() - 1);
        assertThat(analysis.get("subsections")).hasSize(8);
        JsonNode assumptions = section(analysis.get("subsections"), "Key Assumptions").get("claims");
        assertThat(assumptions).hasSize(4);
        assumptions.forEach(assumption -> assertThat(assumption.get("items")).hasSize(4));
        assertThat(section(analysis.get("subsections"), "Strengths").get("claims")).hasSize(5);
        assertThat(section(analysis.get("subsections"), "Weaknesses and Risks").get("claims")).hasSize(6);
        assertThat(profile.get("connections")).hasSize(8);
        assertThat(profile.get("sources")).hasSize(38);
    }

    @Test
    void importingAnExistingIdIsAConflict() throws IOException {
        String id = unique("twice");
        assertThat(alice().postText("/api/profiles/import?id=" + id, "text/plain", sample()).status()).isEqualTo(201);
        ApiClient.Answer again = bob().postText("/api/profiles/import?id=" + id, "text/plain", sample());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void markdownExportImportsAsAnEqualProfile() throws IOException {
        String original = unique("original");
        alice().postText("/api/profiles/import?id=" + original, "text/plain", sample());
        ApiClient.Answer markdown = alice().get("/api/profiles/" + original + "/export?format=markdown");
        assertThat(markdown.status()).isEqualTo(200);
        assertThat(markdown.contentType()).startsWith("text/markdown");

        String copy = unique("copy");
        ApiClient.Answer imported = bob().postText("/api/profiles/import?id=" + copy, "text/markdown", markdown.body());
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(content(alice().get("/api/profiles/" + copy + "?minRevision=1").json()))
                .isEqualTo(content(alice().get("/api/profiles/" + original + "?minRevision=1").json()));
    }

    @Test
    void jsonExportImportsAsAnEqualProfile() throws IOException {
        String original = unique("json-original");
        alice().postText("/api/profiles/import?id=" + original, "text/plain", sample());
        String json = alice().get("/api/profiles/" + original + "/export?format=json").body();
        String copy = unique("json-copy");
        assertThat(bob().post("/api/profiles/import?id=" + copy, json).status()).isEqualTo(201);
        assertThat(content(alice().get("/api/profiles/" + copy + "?minRevision=1").json()))
                .isEqualTo(content(alice().get("/api/profiles/" + original + "?minRevision=1").json()));
    }

    @Test
    void textThatIsNotAProfileIsRefusedAndNothingIsCreated() {
        String id = unique("junk");
        ApiClient.Answer answer = alice().postText("/api/profiles/import?id=" + id, "text/plain", "\n\n   \n");
        assertThat(answer.status()).isBetween(400, 499);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(alice().get("/api/profiles/" + id).status()).isEqualTo(404);
    }

    @Test
    void aRefusedImportNamesTheLineToBlame() {
        String id = unique("stray");
        ApiClient.Answer answer = alice().postText("/api/profiles/import?id=" + id, "text/plain",
                "Acme Research\nAI safety lab\n\nFounded\n2020\n\nA stray sentence, not a fact.\n");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("detail").asText()).startsWith("Line 7 ");
        assertThat(answer.json().get("line").asInt()).isEqualTo(7);
        assertThat(alice().get("/api/profiles/" + id).status()).isEqualTo(404);
    }

    @Test
    void withoutAFormatTheExportIsTheOneTheAcceptHeaderPrefersAndMarkdownOtherwise() throws IOException {
        String id = unique("accept");
        alice().postText("/api/profiles/import?id=" + id, "text/plain", sample());
        String export = "/api/profiles/" + id + "/export";

        assertThat(alice().accepting("application/json").get(export).json().at("/identity/name").asText())
                .isEqualTo("Beijing Institute of AI Safety and Governance");
        assertThat(alice().accepting("text/markdown;q=0.5, application/json;q=0.9").get(export).contentType())
                .startsWith("application/json");
        assertThat(alice().accepting("application/json;q=0, */*").get(export).contentType())
                .startsWith("text/markdown");
        assertThat(alice().accepting("*/*").get(export).contentType()).startsWith("text/markdown");
        assertThat(alice().accepting("application/json").get(export + "?format=markdown").contentType())
                .as("an explicit format wins").startsWith("text/markdown");
    }

    @Test
    void anUnknownExportFormatIsABadRequest() throws IOException {
        String id = unique("format");
        alice().postText("/api/profiles/import?id=" + id, "text/plain", sample());
        assertThat(alice().get("/api/profiles/" + id + "/export?format=pdf").status()).isEqualTo(400);
    }

    /** A profile's content: ids of the profile and every revision left out. */
    private static JsonNode content(JsonNode profile) {
        ObjectNode copy = profile.deepCopy();
        copy.remove("id");
        stripRevisions(copy);
        return copy;
    }

    private static void stripRevisions(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("revision");
        }
        List<JsonNode> children = new ArrayList<>();
        node.elements().forEachRemaining(children::add);
        children.forEach(ImportExportApiTest::stripRevisions);
    }
}
