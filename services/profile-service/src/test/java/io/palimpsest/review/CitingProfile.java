package io.palimpsest.review;

import io.palimpsest.api.ApiClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A profile with one citation problem of each kind, and with what must not be one: a cited claim, a reading-list
 * entry, retracted claims (one uncited, one the only citer of a source). Its report, in order: uncited claim
 * {@code uncited}; claim {@code orphan} (in the subsection Strengths) citing the removed {@code s5}; {@code s2}
 * unused and a duplicate of {@code s1}; {@code s3} unused and on ftp; {@code s4} unused. Revision 6.
 */
final class CitingProfile {

    static final String NAME = "Citing Org";

    private CitingProfile() {
    }

    /** Imports one under a fresh id and makes the edits that leave a citation dangling; returns its id. */
    static String importedBy(ApiClient editor) {
        String profile = "citing-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> whatTheyDo = Map.of("id", "what-they-do", "title", "What They Do", "claims", List.of(
                claim("cited", "PARAGRAPH", "A cited claim.", List.of("s1")),
                claim("uncited", "BULLET", "An uncited claim that goes on and on, well past the length of an "
                        + "excerpt, so that the report has to cut it at a space somewhere before its end.", List.of()),
                withUrl(claim("reading", "NUMBERED", "A reading-list entry.", List.of()), "https://example.org/read"),
                claim("gone", "PARAGRAPH", "A retracted uncited claim.", List.of()),
                claim("once-cited", "LABELLED", "The only claim citing s4.", List.of("s4"))));
        Map<String, Object> strengths = Map.of("id", "strengths", "title", "Strengths", "claims", List.of(
                claim("orphan", "PARAGRAPH", "Cites a source removed while it was retracted.", List.of("s5"))));
        Map<String, Object> document = Map.of("identity", Map.of("name", NAME),
                "sections", List.of(whatTheyDo,
                        Map.of("id", "analysis", "title", "Analysis", "subsections", List.of(strengths))),
                "sources", List.of(
                        source("s1", 1, "First", "https://example.org/a"),
                        source("s2", 2, "First again", "HTTPS://Example.org/a/#top"),
                        source("s3", 3, "A file server", "ftp://files.example.org/report.pdf"),
                        Map.of("id", "s4", "number", 4, "title", "Only a site", "site", "example.org"),
                        source("s5", 5, "Removed later", "https://example.org/five")));
        assertThat(editor.post("/api/profiles/import?id=" + profile, document).status()).isEqualTo(201);
        String path = "/api/profiles/" + profile;
        applied(editor.delete(path + "/claims/gone"));
        applied(editor.delete(path + "/claims/once-cited"));
        applied(editor.delete(path + "/claims/orphan"));
        applied(editor.delete(path + "/sources/s5"));
        applied(editor.post(path + "/claims/orphan/restore", Map.of()));
        return profile;
    }

    static void applied(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    static Map<String, Object> claim(String id, String kind, String text, List<String> citations) {
        Map<String, Object> claim = new HashMap<>(Map.of("id", id, "kind", kind, "text", text, "citations", citations));
        if (kind.equals("LABELLED")) {
            claim.put("label", "Funding");
        }
        return claim;
    }

    private static Map<String, Object> withUrl(Map<String, Object> claim, String url) {
        claim.put("url", url);
        return claim;
    }

    static Map<String, Object> source(String id, int number, String title, String url) {
        return Map.of("id", id, "number", number, "title", title, "url", url);
    }
}
