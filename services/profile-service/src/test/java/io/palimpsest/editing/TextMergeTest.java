package io.palimpsest.editing;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TextMergeTest {

    private static final String BASE = "Alpha beta gamma. Delta epsilon zeta.";

    @Test
    void mergesChangesInDifferentSentences() {
        assertThat(TextMerge.merge(BASE, "Alpha BETA gamma. Delta epsilon zeta.", "Alpha beta gamma. Delta epsilon ZETA."))
                .contains("Alpha BETA gamma. Delta epsilon ZETA.");
    }

    @Test
    void refusesChangesToTheSameWord() {
        assertThat(TextMerge.merge(BASE, "Alpha one gamma. Delta epsilon zeta.", "Alpha two gamma. Delta epsilon zeta."))
                .isEmpty();
    }

    @Test
    void refusesTwoInsertionsAtTheSamePoint() {
        assertThat(TextMerge.merge("a b", "a x b", "a y b")).isEmpty();
    }

    @Test
    void takesTheOtherSideWhenOneSideIsUnchanged() {
        assertThat(TextMerge.merge(BASE, BASE, "Changed.")).isEqualTo(Optional.of("Changed."));
        assertThat(TextMerge.merge(BASE, "Mine.", BASE)).isEqualTo(Optional.of("Mine."));
    }

    @Test
    void agreesWhenBothMadeTheSameChange() {
        assertThat(TextMerge.merge(BASE, "Same.", "Same.")).contains("Same.");
    }

    @Test
    void keepsUnicodeAndPunctuationIntact() {
        assertThat(TextMerge.merge("Zeng’s view — “cautious”.", "Zeng’s view — “very cautious”.",
                "Yi Zeng’s view — “cautious”."))
                .contains("Yi Zeng’s view — “very cautious”.");
    }
}
