package io.palimpsest.importing;

import io.palimpsest.model.ClaimDocument;
import io.palimpsest.model.ClaimItem;
import io.palimpsest.model.ClaimKind;
import io.palimpsest.model.Connection;
import io.palimpsest.model.Fact;
import io.palimpsest.model.Identity;
import io.palimpsest.model.ProfileDocument;
import io.palimpsest.model.SectionDocument;
import io.palimpsest.model.Source;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a profile as Markdown in the layout of the directory page; {@link MarkdownParser} reads it
 * back into an equal document. The layout is described in {@code docs/importing.md}.
 */
@Component
public class MarkdownExporter {

    /** Marks the list that holds the labelled items of the claim before it, as opposed to bullet claims ("-"). */
    static final String ITEM_MARKER = "+";
    static final String CONNECTIONS_TITLE = "Connected to";
    static final String SOURCES_TITLE = "Sources";

    public String export(ProfileDocument document) {
        StringBuilder out = new StringBuilder();
        Identity identity = document.identity();
        if (identity == null || identity.name() == null) {
            throw new IllegalArgumentException("A profile without a name cannot be exported.");
        }
        out.append("# ").append(MarkdownText.inline(identity.name()));
        if (identity.shortName() != null) {
            out.append(" (").append(MarkdownText.inline(identity.shortName())).append(')');
        }
        out.append("\n\n");
        if (identity.category() != null) {
            out.append(MarkdownText.blockStart(identity.category())).append("\n\n");
        }
        if (identity.tagline() != null) {
            out.append("> ").append(MarkdownText.blockStart(identity.tagline())).append("\n\n");
        }
        for (Fact fact : document.facts()) {
            out.append("- ").append(label(fact.key())).append(' ').append(MarkdownText.inline(fact.value())).append('\n');
        }
        Map<String, Integer> sourceNumbers = document.sources().stream()
                .collect(Collectors.toMap(Source::id, Source::number, (a, b) -> a));
        for (SectionDocument section : document.sections()) {
            writeSection(out, "## ", section, sourceNumbers);
            for (SectionDocument subsection : section.subsections()) {
                writeSection(out, "### ", subsection, sourceNumbers);
            }
        }
        if (!document.connections().isEmpty() || !document.sources().isEmpty()) {
            out.append("\n---\n");
        }
        writeConnections(out, document.connections());
        writeSources(out, document.sources());
        return out.toString();
    }

    private void writeSection(StringBuilder out, String marker, SectionDocument section, Map<String, Integer> sourceNumbers) {
        out.append('\n').append(marker).append(MarkdownText.inline(section.title())).append('\n');
        ClaimKind previous = null;
        int number = 0;
        for (ClaimDocument claim : section.claims()) {
            boolean listItem = claim.kind() == ClaimKind.BULLET || claim.kind() == ClaimKind.NUMBERED;
            boolean continuesList = listItem && claim.kind() == previous;
            number = continuesList ? number + 1 : 1;
            if (!continuesList) {
                out.append('\n');
            }
            String lead = switch (claim.kind()) {
                case BULLET -> "- ";
                case NUMBERED -> number + ". ";
                case PARAGRAPH, LABELLED -> "";
            };
            out.append(lead).append(claimLine(claim, sourceNumbers)).append('\n');
            if (!claim.items().isEmpty()) {
                String indent = listItem ? " ".repeat(lead.length()) : "  ";
                if (!listItem) {
                    out.append('\n');
                }
                for (ClaimItem item : claim.items()) {
                    out.append(indent).append(ITEM_MARKER).append(' ').append(itemLine(item)).append('\n');
                }
            }
            previous = listItem ? claim.kind() : null;
        }
    }

    private static String claimLine(ClaimDocument claim, Map<String, Integer> sourceNumbers) {
        StringBuilder line = new StringBuilder();
        if (claim.url() != null) {
            line.append('[').append(MarkdownText.inline(claim.label())).append("](")
                    .append(MarkdownText.destination(claim.url())).append("): ").append(MarkdownText.inline(claim.text()));
        } else if (claim.label() != null && !claim.label().isEmpty()) {
            line.append(label(claim.label())).append(' ').append(MarkdownText.inline(claim.text()));
        } else {
            line.append(MarkdownText.blockStart(claim.text()));
        }
        for (String citation : claim.citations()) {
            Integer number = sourceNumbers.get(citation);
            String target = number == null ? citation : "s" + number;
            line.append(" [").append(number == null ? MarkdownText.inline(citation) : number).append("](")
                    .append(MarkdownText.destination("#" + target)).append(')');
        }
        return line.toString();
    }

    private static String itemLine(ClaimItem item) {
        return item.label() == null || item.label().isEmpty()
                ? MarkdownText.blockStart(item.text())
                : label(item.label()) + ' ' + MarkdownText.inline(item.text());
    }

    /** {@code **Label:**}; a label that ends in a question mark ("Testable?") reads better without the colon. */
    static String label(String label) {
        return "**" + MarkdownText.inline(label) + (label.endsWith("?") ? "" : ":") + "**";
    }

    private static void writeConnections(StringBuilder out, List<Connection> connections) {
        if (connections.isEmpty()) {
            return;
        }
        out.append("\n## ").append(CONNECTIONS_TITLE).append(" (").append(connections.size()).append(")\n\n");
        for (Connection connection : connections) {
            out.append("- **").append(MarkdownText.inline(connection.target())).append("**");
            if (connection.relation() != null) {
                out.append(" *").append(MarkdownText.inline(connection.relation())).append('*');
            }
            if (connection.via() != null) {
                out.append(" · ").append(MarkdownText.inline(connection.via()));
            }
            out.append('\n');
        }
    }

    /**
     * Numbered as on the page. CommonMark keeps only a list's first number, so a gap in the numbering
     * starts a new list, told apart from the one before by the other delimiter ("." or ")").
     */
    private static void writeSources(StringBuilder out, List<Source> sources) {
        if (sources.isEmpty()) {
            return;
        }
        out.append("\n## ").append(SOURCES_TITLE).append(" (").append(sources.size()).append(")\n\n");
        char delimiter = '.';
        Integer previous = null;
        for (Source source : sources) {
            if (previous != null && source.number() != previous + 1) {
                delimiter = delimiter == '.' ? ')' : '.';
            }
            previous = source.number();
            out.append(source.number()).append(delimiter).append(' ');
            if (source.url() != null) {
                out.append('[').append(MarkdownText.inline(source.title())).append("](")
                        .append(MarkdownText.destination(source.url())).append(')');
            } else {
                out.append(MarkdownText.blockStart(source.title()));
            }
            if (source.site() != null) {
                out.append(" · *").append(MarkdownText.inline(source.site())).append('*');
            }
            out.append('\n');
        }
    }
}
