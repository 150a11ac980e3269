package io.palimpsest.review;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's reading of URLs and texts, case by case. */
class CitationProblemsTest {

    @Test
    void urlsDifferingOnlyInTheCaseOfSchemeAndHostATrailingSlashOrTheFragmentAreTheSame() {
        assertThat(CitationProblems.sameUrlKey("HTTPS://Example.ORG/a/b/#top"))
                .isEqualTo(CitationProblems.sameUrlKey("https://example.org/a/b"));
        assertThat(CitationProblems.sameUrlKey(" https://example.org "))
                .isEqualTo(CitationProblems.sameUrlKey("https://example.org/"));
    }

    @Test
    void urlsDifferingInTheirPathCaseOrQueryAreNotTheSame() {
        assertThat(CitationProblems.sameUrlKey("https://example.org/A"))
                .isNotEqualTo(CitationProblems.sameUrlKey("https://example.org/a"));
        assertThat(CitationProblems.sameUrlKey("https://example.org/a?page=2"))
                .isNotEqualTo(CitationProblems.sameUrlKey("https://example.org/a"));
    }

    @Test
    void aUrlThatIsNotAnUriIsComparedAsWritten() {
        assertThat(CitationProblems.sameUrlKey("not a url")).isEqualTo("not a url");
        assertThat(CitationProblems.sameUrlKey("mailto:someone@example.org")).isEqualTo("mailto:someone@example.org");
    }

    @Test
    void aShortTextIsItsOwnExcerptWithItsSpacesFolded() {
        assertThat(CitationProblems.excerpt("  Short \n  text. ")).isEqualTo("Short text.");
    }

    @Test
    void aLongWordIsCutAtTheLengthWhenNoSpaceIsNearTheEnd() {
        String word = "x".repeat(CitationProblems.EXCERPT_LENGTH + 30);
        assertThat(CitationProblems.excerpt(word)).isEqualTo(word.substring(0, CitationProblems.EXCERPT_LENGTH) + "…");
    }
}
