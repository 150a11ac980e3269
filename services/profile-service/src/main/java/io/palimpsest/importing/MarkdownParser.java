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
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Emphasis;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Markdown in the layout {@link MarkdownExporter} writes back into a {@link ProfileDocument}. */
@Component
public class MarkdownParser {

    private static final Pattern NAME = Pattern.compile("(.*\\S)\\s*\\(([^()]+)\\)");
    private static final Pattern LIST_CAPTION = Pattern.compile("(.*?)(?: \\(\\d+\\))?");
    private final Parser parser = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    /** @throws UnreadableProfileException when the Markdown does not open with the profile's "# Name" heading */
    public ProfileDocument parse(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            throw new UnreadableProfileException("The profile Markdown is empty.");
        }
        return new Reading(parser.parse(markdown.replaceFirst("^\uFEFF", ""))).read();
    }

    private static final class Reading {

        private enum Part { HEADER, SECTIONS, CONNECTIONS, SOURCES }

        private final Node document;
        private final List<Fact> facts = new ArrayList<>();
        private final List<SectionBuilder> sections = new ArrayList<>();
        private final List<Connection> connections = new ArrayList<>();
        private final List<Source> sources = new ArrayList<>();
        private Part part = Part.HEADER;
        private String category;
        private String tagline;
        private SectionBuilder section;
        private SectionBuilder current;

        Reading(Node document) {
            this.document = document;
        }

        ProfileDocument read() {
            Node first = document.getFirstChild();
            if (!(first instanceof Heading heading) || heading.getLevel() != 1) {
                throw new UnreadableProfileException(
                        "Profile Markdown must start with a level-1 heading \"# Name (Short name)\".");
            }
            String title = InlineText.of(heading);
            Matcher named = NAME.matcher(title);
            for (Node node = first.getNext(); node != null; node = node.getNext()) {
                read(node);
            }
            Identity identity = new Identity(named.matches() ? named.group(1) : title,
                    named.matches() ? named.group(2) : null, category, tagline);
            return DeterministicIds.assign(new ProfileDocument(identity, facts,
                    sections.stream().map(SectionBuilder::build).toList(), sources, connections));
        }

        private void read(Node node) {
            if (node instanceof ThematicBreak) {
                part = Part.CONNECTIONS;
            } else if (node instanceof Heading heading) {
                readHeading(heading);
            } else if (part == Part.HEADER) {
                readHeader(node);
            } else if (part == Part.SECTIONS) {
                readClaims(node);
            } else if (node instanceof ListBlock list) {
                for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                    if (part == Part.CONNECTIONS) {
                        connections.add(connection(item.getFirstChild()));
                    } else {
                        sources.add(source(((OrderedList) list).getMarkerStartNumber() + index(item), item.getFirstChild()));
                    }
                }
            } else {
                throw unexpected(node);
            }
        }

        private void readHeading(Heading heading) {
            String title = InlineText.of(heading);
            if (part == Part.CONNECTIONS || part == Part.SOURCES) {
                Matcher caption = LIST_CAPTION.matcher(title);
                boolean sourcesCaption = caption.matches() && caption.group(1).equals(MarkdownExporter.SOURCES_TITLE);
                part = sourcesCaption ? Part.SOURCES : Part.CONNECTIONS;
            } else if (heading.getLevel() == 2) {
                part = Part.SECTIONS;
                section = new SectionBuilder(title);
                current = section;
                sections.add(section);
            } else if (heading.getLevel() == 3 && section != null) {
                current = section.addSubsection(title);
            } else {
                throw unexpected(heading);
            }
        }

        private void readHeader(Node node) {
            if (node instanceof Paragraph && category == null && tagline == null && facts.isEmpty()) {
                category = InlineText.of(node);
            } else if (node instanceof BlockQuote && tagline == null && facts.isEmpty()) {
                tagline = InlineText.of(node.getFirstChild());
            } else if (node instanceof BulletList && facts.isEmpty()) {
                for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
                    ClaimInline fact = ClaimInline.of(item.getFirstChild());
                    facts.add(new Fact(fact.label(), fact.text()));
                }
            } else {
                throw unexpected(node);
            }
        }

        private void readClaims(Node node) {
            if (node instanceof Paragraph) {
                current.add(ClaimInline.of(node).claim(ClaimKind.PARAGRAPH));
            } else if (node instanceof BulletList bullets && MarkdownExporter.ITEM_MARKER.equals(bullets.getMarker())) {
                current.addItems(items(bullets));
            } else if (node instanceof ListBlock list) {
                ClaimKind kind = list instanceof OrderedList ? ClaimKind.NUMBERED : ClaimKind.BULLET;
                for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                    Node content = item.getFirstChild();
                    current.add(ClaimInline.of(content instanceof Paragraph ? content : null).claim(kind));
                    for (Node nested = content == null ? null : content.getNext(); nested != null; nested = nested.getNext()) {
                        if (!(nested instanceof BulletList nestedList)) {
                            throw unexpected(nested);
                        }
                        current.addItems(items(nestedList));
                    }
                }
            } else {
                throw unexpected(node);
            }
        }

        private static List<ClaimItem> items(BulletList list) {
            List<ClaimItem> items = new ArrayList<>();
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                ClaimInline inline = ClaimInline.of(item.getFirstChild());
                items.add(new ClaimItem(inline.label(), inline.text()));
            }
            return items;
        }

        private static Connection connection(Node paragraph) {
            String target = null;
            String relation = null;
            StringBuilder rest = new StringBuilder();
            for (Node node = paragraph == null ? null : paragraph.getFirstChild(); node != null; node = node.getNext()) {
                if (node instanceof StrongEmphasis && target == null) {
                    target = InlineText.of(node);
                } else if (node instanceof Emphasis && relation == null) {
                    relation = InlineText.of(node);
                } else {
                    rest.append(InlineText.literal(node));
                }
            }
            String separator = rest.toString().stripLeading();
            String via = separator.startsWith("· ") ? separator.substring(2) : null;
            return new Connection(null, target, relation, via);
        }

        private static Source source(int number, Node paragraph) {
            String title = null;
            String url = null;
            String site = null;
            StringBuilder text = new StringBuilder();
            for (Node node = paragraph == null ? null : paragraph.getFirstChild(); node != null; node = node.getNext()) {
                if (node instanceof Link link && url == null && text.isEmpty()) {
                    url = link.getDestination();
                    title = InlineText.of(link);
                } else if (node instanceof Emphasis) {
                    site = InlineText.of(node);
                } else {
                    text.append(InlineText.literal(node));
                }
            }
            String before = text.toString();
            if (site != null && before.endsWith(" · ")) {
                before = before.substring(0, before.length() - 3);
            }
            return new Source(null, number, url == null ? before : title, url, site);
        }

        private static int index(Node item) {
            int index = 0;
            for (Node previous = item.getPrevious(); previous != null; previous = previous.getPrevious()) {
                index++;
            }
            return index;
        }

        private static UnreadableProfileException unexpected(Node node) {
            String where = node.getSourceSpans().isEmpty() ? ""
                    : " on line " + (node.getSourceSpans().get(0).getLineIndex() + 1);
            return new UnreadableProfileException("Unexpected " + node.getClass().getSimpleName() + where
                    + " in profile Markdown.");
        }
    }
}
