package io.palimpsest.importing;

import java.util.List;

/** Splits page text into lines after refusing what cannot be page text at all. */
final class PageLines {

    private PageLines() {
    }

    static List<String> of(String text) {
        if (text == null || text.isBlank()) {
            throw new UnreadableProfileException("The profile text is empty.");
        }
        String unified = text.replace("\r\n", "\n").replace('\r', '\n');
        if (unified.startsWith("\uFEFF")) {
            unified = unified.substring(1);
        }
        for (int i = 0; i < unified.length(); i++) {
            char ch = unified.charAt(i);
            if (ch == '\uFFFD' || (Character.isISOControl(ch) && ch != '\n' && ch != '\t')) {
                int line = (int) unified.substring(0, i).chars().filter(c -> c == '\n').count() + 1;
                throw UnreadableProfileException.atLine(line, String.format(
                        "The profile text looks binary: control character U+%04X on line %d.", (int) ch, line));
            }
        }
        return List.of(unified.split("\n", -1));
    }
}
