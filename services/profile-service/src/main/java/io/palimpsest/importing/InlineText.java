package io.palimpsest.importing;

import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/** The plain text of CommonMark inline nodes, as profile text: escapes and entities already resolved. */
final class InlineText {

    private InlineText() {
    }

    static String of(Node parent) {
        StringBuilder text = new StringBuilder();
        for (Node node = parent == null ? null : parent.getFirstChild(); node != null; node = node.getNext()) {
            text.append(literal(node));
        }
        return text.toString();
    }

    /** Hand-written Markdown may hold code or line breaks that our export never writes; keep their text. */
    static String literal(Node node) {
        if (node instanceof Text text) {
            return text.getLiteral();
        }
        if (node instanceof Code code) {
            return "`" + code.getLiteral() + "`";
        }
        if (node instanceof HtmlInline html) {
            return html.getLiteral();
        }
        if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
            return " ";
        }
        return of(node);
    }
}
