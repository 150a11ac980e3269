package io.palimpsest.common;

/**
 * Which claims need a source: every one except a claim that is itself a link (a reading-list entry carries its own
 * URL). The citation report and the review's risk flags judge by this one rule.
 */
public final class CitationRule {

    private CitationRule() {
    }

    public static boolean needsCitation(String claimUrl) {
        return claimUrl == null || claimUrl.isBlank();
    }
}
