package io.palimpsest.editing;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Three-way merge of a claim's text at word granularity. Both edits are diffed against their common
 * base with java-diff-utils; the merge succeeds when the two sets of changes touch disjoint stretches
 * of the base, and fails (an edit conflict) when they overlap or meet at the same point.
 */
final class TextMerge {

    /** Words, runs of white space and single punctuation marks: the units an editor changes. */
    private static final Pattern TOKEN = Pattern.compile("\\w+|\\s+|[^\\w\\s]", Pattern.UNICODE_CHARACTER_CLASS);

    private TextMerge() {
    }

    /** The text with both edits applied, or empty when they overlap. */
    static Optional<String> merge(String base, String mine, String theirs) {
        if (mine.equals(theirs) || theirs.equals(base)) {
            return Optional.of(mine);
        }
        if (mine.equals(base)) {
            return Optional.of(theirs);
        }
        List<String> baseTokens = tokens(base);
        List<AbstractDelta<String>> myChanges = DiffUtils.diff(baseTokens, tokens(mine)).getDeltas();
        List<AbstractDelta<String>> theirChanges = DiffUtils.diff(baseTokens, tokens(theirs)).getDeltas();
        if (overlap(myChanges, theirChanges)) {
            return Optional.empty();
        }
        List<AbstractDelta<String>> all = new ArrayList<>(myChanges);
        all.addAll(theirChanges);
        all.sort((a, b) -> Integer.compare(a.getSource().getPosition(), b.getSource().getPosition()));
        StringBuilder merged = new StringBuilder();
        int next = 0;
        for (AbstractDelta<String> change : all) {
            int start = change.getSource().getPosition();
            baseTokens.subList(next, start).forEach(merged::append);
            change.getTarget().getLines().forEach(merged::append);
            next = start + change.getSource().size();
        }
        baseTokens.subList(next, baseTokens.size()).forEach(merged::append);
        return Optional.of(merged.toString());
    }

    private static boolean overlap(List<AbstractDelta<String>> mine, List<AbstractDelta<String>> theirs) {
        for (AbstractDelta<String> a : mine) {
            for (AbstractDelta<String> b : theirs) {
                if (touch(a, b)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Two changes collide when their base ranges intersect, or when both insert at (or edit right up
     * to) the same point: their order there would be a guess.
     */
    private static boolean touch(AbstractDelta<String> a, AbstractDelta<String> b) {
        int aStart = a.getSource().getPosition();
        int aEnd = aStart + a.getSource().size();
        int bStart = b.getSource().getPosition();
        int bEnd = bStart + b.getSource().size();
        return aStart < bEnd && bStart < aEnd || aStart == bStart || aEnd == bEnd
                || a.getSource().size() == 0 && (aStart == bStart || aStart == bEnd)
                || b.getSource().size() == 0 && (bStart == aStart || bStart == aEnd);
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }
}
