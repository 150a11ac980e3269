package io.palimpsest.importing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a source line's text into title and site, which the page runs together with no separator
 * ({@code What do we know about China’s new AI safety institute? - DigiChinadigichina.stanford.edu}).
 *
 * <p>Every suffix that is a lower-case hostname with an alphabetic top-level domain is a candidate,
 * unless the title it leaves would end inside a hostname ({@code …china.} or {@code …china-}). Each
 * candidate is scored; ties go to the longer known last word of the title, then the longer echoed
 * host label, then the shorter host whose first label has at least three characters. See
 * {@code docs/importing.md} for the scores.
 */
final class SiteSplitter {

    record Split(String title, String site) {
    }

    private static final Pattern HOSTNAME = Pattern.compile(
            "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\\.[a-z]{2,24}");
    /** A title ending like this would leave part of the hostname behind ({@code …OpenClawenglish.new}, {@code …ai-}). */
    private static final Pattern CUT_HOSTNAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.[a-z0-9.-]*$|[a-z0-9]-$");
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int SEPARATED = 3;
    private static final int ECHOES_TITLE_END = 6;
    private static final int ECHOED = 4;
    private static final int TITLE_ENDS_WELL = 2;
    private static final int TITLE_END_RUN_IN_ELSEWHERE = 1;
    private static final int HOST_LABEL_IS_A_WORD = 1;
    private static final int MIN_ECHO_LENGTH = 3;
    private static final int MIN_ECHO_PREFIX = 3;

    /** What the other source lines on the page tell about a candidate. */
    private record SourceText(String text, String separatedHost, List<String> candidateTitles) {
        static SourceText of(String text) {
            List<String> titles = candidates(text).stream()
                    .map(host -> text.substring(0, text.length() - host.length()))
                    .toList();
            return new SourceText(text, clearlySeparatedHost(text), titles);
        }
    }

    private final Set<String> pageWords = new HashSet<>();
    private final List<SourceText> sourceTexts;

    SiteSplitter(String pageText, List<String> sourceTexts) {
        this.sourceTexts = sourceTexts.stream().map(SourceText::of).toList();
        TOKEN.matcher(pageText).results()
                .map(m -> m.group().toLowerCase(Locale.ROOT))
                .filter(word -> word.length() >= 2)
                .forEach(pageWords::add);
    }

    Split split(String text) {
        return candidates(text).stream()
                .map(host -> new Candidate(text, host))
                .max(Comparator.comparingInt(Candidate::score)
                        .thenComparingInt(Candidate::knownTitleEndLength)
                        .thenComparingInt(Candidate::echoLength)
                        .thenComparing(Candidate::firstLabelLongEnough)
                        .thenComparing(c -> -c.host.length()))
                .map(c -> new Split(c.title, c.host))
                .orElse(new Split(text, null));
    }

    private static List<String> candidates(String text) {
        List<String> hosts = new ArrayList<>();
        for (int i = 1; i < text.length(); i++) {
            String host = text.substring(i);
            String title = text.substring(0, i);
            if (!title.isBlank() && !CUT_HOSTNAME.matcher(title).find() && HOSTNAME.matcher(host).matches()) {
                hosts.add(host);
            }
        }
        return hosts;
    }

    /**
     * The longest candidate of a line when nothing word-like runs into it: the character before it is
     * punctuation or the end of an acronym ({@code U.S.time.com}, {@code Safe AIarxiv.org}). A space does
     * not count: titles never end in one, so a host after a space has swallowed the title's last word.
     */
    private static String clearlySeparatedHost(String text) {
        List<String> hosts = candidates(text);
        if (hosts.isEmpty()) {
            return null;
        }
        String host = hosts.get(0);
        int start = text.length() - host.length();
        char before = text.charAt(start - 1);
        boolean acronym = start >= 2 && Character.isUpperCase(before) && Character.isUpperCase(text.charAt(start - 2));
        boolean punctuation = !Character.isLetterOrDigit(before) && !Character.isWhitespace(before);
        return punctuation || acronym ? host : null;
    }

    private final class Candidate {
        private final String title;
        private final String host;
        private final String titleEnd;

        Candidate(String text, String host) {
            this.host = host;
            this.title = text.substring(0, text.length() - host.length());
            List<String> tokens = tokens(title);
            this.titleEnd = title.isEmpty() || !Character.isLetterOrDigit(title.charAt(title.length() - 1))
                    || tokens.isEmpty() ? "" : tokens.get(tokens.size() - 1);
        }

        int score() {
            int score = 0;
            if (separatedOnSomeLine()) {
                score += SEPARATED;
            }
            if (echoesTitleEnd()) {
                score += ECHOES_TITLE_END;
            } else if (echoLength() > 0) {
                score += ECHOED;
            } else if (pageWords.contains(firstLabel())) {
                score += HOST_LABEL_IS_A_WORD;
            }
            if (endsWithPunctuation() || knownTitleEndLength() > 0) {
                score += TITLE_ENDS_WELL;
            } else if (runsIntoAnotherSite()) {
                score += TITLE_END_RUN_IN_ELSEWHERE;
            }
            return score;
        }

        int knownTitleEndLength() {
            return titleEnd.length() >= 2 && pageWords.contains(titleEnd.toLowerCase(Locale.ROOT)) ? titleEnd.length() : 0;
        }

        /** The longest host label (the top-level domain and "www" aside) spelled out by the title's words. */
        int echoLength() {
            String[] labels = host.split("\\.");
            List<String> words = tokens(title).stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
            int longest = 0;
            for (int i = 0; i < labels.length - 1; i++) {
                String label = labels[i].replace("-", "");
                if (label.length() >= MIN_ECHO_LENGTH && !label.equals("www") && spells(label, words)) {
                    longest = Math.max(longest, label.length());
                }
            }
            return longest;
        }

        boolean firstLabelLongEnough() {
            return firstLabel().length() >= MIN_ECHO_PREFIX;
        }

        private boolean endsWithPunctuation() {
            if (title.isEmpty()) {
                return false;
            }
            char last = title.charAt(title.length() - 1);
            return !Character.isLetterOrDigit(last) && !Character.isWhitespace(last);
        }

        private boolean separatedOnSomeLine() {
            return sourceTexts.stream().anyMatch(line -> host.equals(line.separatedHost()));
        }

        /** A host label equals the title's last word or words run together ("DigiChina", "China Media Project"). */
        private boolean echoesTitleEnd() {
            List<String> words = tokens(title);
            String[] labels = host.split("\\.");
            for (int i = 0; i < labels.length - 1; i++) {
                String label = labels[i].replace("-", "");
                StringBuilder end = new StringBuilder();
                for (int w = words.size() - 1; w >= 0 && end.length() < label.length(); w--) {
                    end.insert(0, words.get(w).toLowerCase(Locale.ROOT));
                }
                if (label.length() >= MIN_ECHO_LENGTH && end.toString().equals(label)) {
                    return true;
                }
            }
            return false;
        }

        /** The title's last word also runs straight into a site on another source line ("…Summitciss…"). */
        private boolean runsIntoAnotherSite() {
            if (titleEnd.length() < MIN_ECHO_PREFIX) {
                return false;
            }
            return sourceTexts.stream()
                    .filter(other -> !other.text().equals(title + host))
                    .flatMap(other -> other.candidateTitles().stream())
                    .anyMatch(otherTitle -> otherTitle.endsWith(titleEnd) && (otherTitle.length() == titleEnd.length()
                            || !Character.isLetterOrDigit(otherTitle.charAt(otherTitle.length() - titleEnd.length() - 1))));
        }

        private String firstLabel() {
            return host.substring(0, host.indexOf('.'));
        }
    }

    /**
     * Whether {@code label} can be spelled by the title's words in order, each used whole or by a prefix
     * of three or more letters ("danfaggella" from "Daniel Faggella"), or else by their initials ("iaps"
     * from "Institute for AI Policy and Strategy"); words may be skipped.
     */
    private static boolean spells(String label, List<String> words) {
        return spells(label, words, false) || spells(label, words, true);
    }

    private static boolean spells(String label, List<String> words, boolean byInitials) {
        boolean[][] spellable = new boolean[label.length() + 1][words.size() + 1];
        for (int w = 0; w <= words.size(); w++) {
            spellable[label.length()][w] = true;
        }
        for (int at = label.length() - 1; at >= 0; at--) {
            for (int w = words.size() - 1; w >= 0; w--) {
                String word = words.get(w);
                boolean spelled = spellable[at][w + 1];
                for (int length = Math.min(word.length(), label.length() - at); length >= 1 && !spelled; length--) {
                    boolean usable = byInitials ? length == 1 : length == word.length() || length >= MIN_ECHO_PREFIX;
                    spelled = usable && label.startsWith(word.substring(0, length), at) && spellable[at + length][w + 1];
                }
                spellable[at][w] = spelled;
            }
        }
        return spellable[0][0];
    }

    private static List<String> tokens(String text) {
        return TOKEN.matcher(text).results().map(m -> m.group()).toList();
    }
}
