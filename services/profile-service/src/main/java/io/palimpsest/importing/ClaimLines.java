package io.palimpsest.importing;

import io.palimpsest.model.ClaimDocument;
import io.palimpsest.model.ClaimItem;
import io.palimpsest.model.ClaimKind;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one line of a section body as a claim, or as a labelled sub-item of the claim before it. */
final class ClaimLines {

    private static final Pattern NUMBERED = Pattern.compile("\\d+[.)]\\s+(.*)");
    private static final Pattern BULLET = Pattern.compile("[•◦▪‣*-]\\s+(.*)");
    /** A reading-list entry: {@code Title (https://…): why to read it}. */
    private static final Pattern READING = Pattern.compile("(.+?) \\((https?://\\S+?)\\): (.*)");
    private static final int MAX_LABEL_LENGTH = 60;
    private static final int MAX_LABEL_WORDS = 10;
    private static final int MAX_ITEM_LABEL_LENGTH = 40;
    private static final int MAX_ITEM_LABEL_WORDS = 5;
    /**
     * A "label" ending in one of these is the lead-in of a sentence ("The causal chain is: …"),
     * not the name of what follows.
     */
    private static final Set<String> LEAD_IN_ENDINGS = Set.of("is", "are", "was", "were", "be", "been", "being",
            "has", "have", "had", "include", "includes", "including", "as", "of", "to",
            "the", "a", "an", "and", "or", "but", "that", "which", "this", "these", "follows", "namely", "because",
            "says", "said", "argues", "argued", "wrote", "writes");

    private ClaimLines() {
    }

    /** The claim a stripped, non-blank body line stands for; ids are assigned later. */
    static ClaimDocument claim(String line) {
        Matcher numbered = NUMBERED.matcher(line);
        if (numbered.matches()) {
            return listClaim(ClaimKind.NUMBERED, numbered.group(1));
        }
        Matcher bullet = BULLET.matcher(line);
        if (bullet.matches()) {
            return listClaim(ClaimKind.BULLET, bullet.group(1));
        }
        int colon = line.indexOf(": ");
        if (colon > 0 && isLabel(line.substring(0, colon)) && colon + 2 < line.length()) {
            return claim(ClaimKind.LABELLED, line.substring(0, colon), line.substring(colon + 2), null);
        }
        return claim(ClaimKind.PARAGRAPH, null, line, null);
    }

    /**
     * The sub-item a bullet stands for when it opens with a short label ending in ": " or "? "
     * ({@code Evidence for: …}, {@code Testable? Yes …}); a question mark stays part of the label.
     */
    static Optional<ClaimItem> item(String bulletText) {
        int colon = bulletText.indexOf(": ");
        int question = bulletText.indexOf("? ");
        boolean byQuestion = question > 0 && (colon < 0 || question < colon);
        int end = byQuestion ? question + 1 : colon;
        if (end <= 0) {
            return Optional.empty();
        }
        String label = bulletText.substring(0, end);
        String text = bulletText.substring(end + (byQuestion ? 1 : 2));
        boolean shortLabel = label.length() <= MAX_ITEM_LABEL_LENGTH
                && label.split("\\s+").length <= MAX_ITEM_LABEL_WORDS
                && Character.isUpperCase(label.charAt(0));
        return shortLabel && !text.isEmpty() ? Optional.of(new ClaimItem(label, text)) : Optional.empty();
    }

    /** The text of a bullet line without its marker, or empty when the line is not a bullet. */
    static Optional<String> bulletText(String line) {
        Matcher bullet = BULLET.matcher(line);
        return bullet.matches() ? Optional.of(bullet.group(1)) : Optional.empty();
    }

    private static ClaimDocument listClaim(ClaimKind kind, String text) {
        Matcher reading = READING.matcher(text);
        if (reading.matches()) {
            return claim(kind, reading.group(1), reading.group(3), reading.group(2));
        }
        return claim(kind, null, text, null);
    }

    private static boolean isLabel(String candidate) {
        String[] words = candidate.split("\\s+");
        String last = words[words.length - 1].toLowerCase(Locale.ROOT);
        return candidate.length() <= MAX_LABEL_LENGTH
                && words.length <= MAX_LABEL_WORDS
                && (Character.isUpperCase(candidate.charAt(0)) || Character.isDigit(candidate.charAt(0)))
                && !candidate.matches(".*[.?!] .*")
                && !LEAD_IN_ENDINGS.contains(last)
                && candidate.chars().filter(c -> c == '(').count() == candidate.chars().filter(c -> c == ')').count();
    }

    private static ClaimDocument claim(ClaimKind kind, String label, String text, String url) {
        return new ClaimDocument(null, kind, label, text, List.of(), List.of(), url);
    }
}
