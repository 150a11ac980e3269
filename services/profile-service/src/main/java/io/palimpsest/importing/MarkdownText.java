package io.palimpsest.importing;

/**
 * Escapes profile text for Markdown so that CommonMark reads back exactly the characters written:
 * inline syntax is backslash-escaped, characters CommonMark would drop or reinterpret (leading and
 * trailing whitespace, line breaks) become numeric character references.
 */
final class MarkdownText {

    private static final String INLINE_SPECIALS = "\\`*_[]<>&#";
    private static final String BLOCK_START_SPECIALS = "-+=~|";

    private MarkdownText() {
    }

    /** Text inside a line, after something else has started the block. */
    static String inline(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean edge = i == 0 || i == text.length() - 1;
            if (ch == '\n' || ch == '\r' || Character.isISOControl(ch) || (edge && Character.isWhitespace(ch))) {
                out.append("&#").append((int) ch).append(';');
            } else {
                if (INLINE_SPECIALS.indexOf(ch) >= 0) {
                    out.append('\\');
                }
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** Text that starts a paragraph or list item, where list markers and the like would become syntax. */
    static String blockStart(String text) {
        String escaped = inline(text);
        if (escaped.isEmpty()) {
            return escaped;
        }
        if (BLOCK_START_SPECIALS.indexOf(escaped.charAt(0)) >= 0) {
            return "\\" + escaped;
        }
        int digits = 0;
        while (digits < escaped.length() && Character.isDigit(escaped.charAt(digits))) {
            digits++;
        }
        if (digits > 0 && digits < escaped.length() && (escaped.charAt(digits) == '.' || escaped.charAt(digits) == ')')) {
            return escaped.substring(0, digits) + "\\" + escaped.substring(digits);
        }
        return escaped;
    }

    /** A link destination; in angle brackets, with escapes, when it holds characters a bare one cannot. */
    static String destination(String url) {
        if (url.chars().noneMatch(ch -> " ()<>\\&".indexOf(ch) >= 0 || Character.isISOControl(ch))) {
            return url;
        }
        StringBuilder out = new StringBuilder("<");
        for (char ch : url.toCharArray()) {
            if (ch == '<' || ch == '>' || ch == '\\' || ch == '&') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.append('>').toString();
    }
}
