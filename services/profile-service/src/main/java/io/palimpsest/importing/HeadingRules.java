package io.palimpsest.importing;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a page line is recognised as a heading. The directory's standard titles are recognised by
 * name; any other short, capitalised line without terminal punctuation that stands alone between
 * blank lines is taken as the heading of a custom section.
 */
final class HeadingRules {

    static final Set<String> STANDARD_SECTIONS = Set.of("theory of change", "what they do", "key people",
            "money and incentives", "what others say", "what's absent", "recommended reading");
    static final Set<String> STANDARD_ANALYSIS_SUBSECTIONS = Set.of("stated theory of change",
            "revealed theory of change", "key assumptions", "strengths", "weaknesses and risks",
            "cross-references", "what would change this assessment", "self-critique");

    private static final Pattern ANALYSIS_TOGGLE = Pattern.compile("(?:Show|Hide) (\\S.* analysis)");
    private static final Pattern CONNECTIONS = Pattern.compile("Connected to(?: \\(\\d+\\))?");
    private static final Pattern SOURCES = Pattern.compile("Sources(?: \\(\\d+\\))?");
    private static final Pattern LIST_ITEM = Pattern.compile("(\\d+[.)]|[•◦▪‣*-])\\s.*");
    private static final int MAX_TITLE_LENGTH = 80;
    private static final int MAX_TITLE_WORDS = 10;

    private HeadingRules() {
    }

    static boolean isStandardSection(String line) {
        return STANDARD_SECTIONS.contains(normalise(line));
    }

    static boolean isStandardAnalysisSubsection(String line) {
        return STANDARD_ANALYSIS_SUBSECTIONS.contains(normalise(line));
    }

    /** The page shows the analysis behind a "Show … analysis" toggle; the section is titled without the verb. */
    static Optional<String> analysisTitle(String line) {
        Matcher m = ANALYSIS_TOGGLE.matcher(line);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static boolean isConnectionsCaption(String line) {
        return CONNECTIONS.matcher(line).matches();
    }

    static boolean isSourcesCaption(String line) {
        return SOURCES.matcher(line).matches();
    }

    /** Lines that end the free-text part of a page: standard headings, the analysis toggle and the link lists. */
    static boolean isLandmark(String line) {
        return isStandardSection(line) || analysisTitle(line).isPresent()
                || isConnectionsCaption(line) || isSourcesCaption(line);
    }

    static boolean isTitleLike(String line) {
        if (line.isEmpty() || line.length() > MAX_TITLE_LENGTH || line.split("\\s+").length > MAX_TITLE_WORDS) {
            return false;
        }
        char first = line.charAt(0);
        return (Character.isUpperCase(first) || Character.isDigit(first))
                && !endsWithPunctuation(line)
                && !line.contains(": ")
                && !LIST_ITEM.matcher(line).matches();
    }

    static boolean endsLikeASentence(String line) {
        return !line.isEmpty() && ".!?…\"”".indexOf(line.charAt(line.length() - 1)) >= 0;
    }

    private static boolean endsWithPunctuation(String line) {
        return !line.isEmpty() && ".:;,!?…\"”".indexOf(line.charAt(line.length() - 1)) >= 0;
    }

    private static String normalise(String line) {
        return line.strip().replace('’', '\'').toLowerCase(Locale.ROOT);
    }
}
