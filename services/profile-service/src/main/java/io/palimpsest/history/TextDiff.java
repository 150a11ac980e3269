package io.palimpsest.history;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A word-by-word difference of two texts: what was deleted, inserted or replaced, and where. */
record TextDiff(List<Edit> edits) {

    private static final Pattern TOKEN = Pattern.compile("\\s+|[^\\s]+");

    /** One stretch that changed; {@code at} counts tokens (words and runs of spaces) of the old text. */
    record Edit(String type, int at, String before, String after) {
    }

    static TextDiff between(String before, String after) {
        List<String> oldTokens = tokens(before);
        List<String> newTokens = tokens(after);
        List<Edit> edits = new ArrayList<>();
        for (AbstractDelta<String> delta : DiffUtils.diff(oldTokens, newTokens).getDeltas()) {
            edits.add(new Edit(delta.getType().name(), delta.getSource().getPosition(),
                    String.join("", delta.getSource().getLines()), String.join("", delta.getTarget().getLines())));
        }
        return new TextDiff(edits);
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text == null ? "" : text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }
}
