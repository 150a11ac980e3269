package io.palimpsest.importing;

import io.palimpsest.model.ClaimDocument;
import io.palimpsest.model.ClaimKind;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.StrongEmphasis;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a claim's Markdown line: an optional {@code **Label:**} or {@code [Label](url):}
 * prefix, the text, and citation links {@code [n](#s<n>)} at the end.
 */
record ClaimInline(String label, String url, String text, List<String> citations) {

    static ClaimInline of(Node paragraph) {
        Node node = paragraph == null ? null : paragraph.getFirstChild();
        String label = null;
        String url = null;
        String separator = "";
        if (node instanceof StrongEmphasis strong) {
            String bold = InlineText.of(strong);
            label = bold.endsWith(":") ? bold.substring(0, bold.length() - 1) : bold;
            separator = " ";
            node = node.getNext();
        } else if (node instanceof Link link && !isCitation(link)) {
            String title = InlineText.of(link);
            label = title.isEmpty() ? null : title;
            url = link.getDestination();
            separator = ": ";
            node = node.getNext();
        }
        StringBuilder text = new StringBuilder();
        List<String> citations = new ArrayList<>();
        for (; node != null; node = node.getNext()) {
            if (node instanceof Link link && isCitation(link)) {
                citations.add(link.getDestination().substring(1));
            } else {
                text.append(InlineText.literal(node));
            }
        }
        int end = text.length();
        for (int i = 0; i < citations.size() && end > 0 && text.charAt(end - 1) == ' '; i++) {
            end--;
        }
        String body = strip(text.substring(0, end), separator);
        return new ClaimInline(label, url, body, citations);
    }

    ClaimDocument claim(ClaimKind listKind) {
        ClaimKind kind = listKind == ClaimKind.PARAGRAPH && label != null ? ClaimKind.LABELLED : listKind;
        return new ClaimDocument(null, kind, label, text, List.of(), citations, url);
    }

    private static boolean isCitation(Link link) {
        return link.getDestination().startsWith("#");
    }

    /** Removes the separator the export puts after a prefix, tolerating CommonMark's trimmed trailing space. */
    private static String strip(String body, String separator) {
        if (body.startsWith(separator)) {
            return body.substring(separator.length());
        }
        return body.startsWith(separator.strip()) ? body.substring(separator.strip().length()) : body;
    }
}
