package io.palimpsest.importing;

import io.palimpsest.model.Connection;
import io.palimpsest.model.Fact;
import io.palimpsest.model.Identity;
import io.palimpsest.model.ProfileDocument;
import io.palimpsest.model.SectionDocument;
import io.palimpsest.model.Source;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the page text of a directory profile (the text a browser copies from the page, as in
 * {@code docs/samples/000_9766725a61e7e7e5.txt}) into a {@link ProfileDocument}. The layout rules
 * are in {@code docs/importing.md}.
 */
@Component
public class PageTextParser {

    /** @throws UnreadableProfileException when the text is not a profile page */
    public ProfileDocument parse(String pageText) {
        return new Reading(pageText).read();
    }

    /** The state of reading one page, line by line. */
    private static final class Reading {

        private static final Pattern NAME = Pattern.compile("(.*\\S)\\s*\\(([^()]+)\\)");
        private static final Pattern SOURCE = Pattern.compile("(\\d+)\\.\\s*(\\d+\\.)?(.*)");
        private static final int MAX_NAME_LENGTH = 200;
        private static final int MAX_FACT_KEY_LENGTH = 40;

        private final String text;
        private final List<String> lines;
        private final List<Fact> facts = new ArrayList<>();
        private int at;

        Reading(String text) {
            this.lines = PageLines.of(text).stream().map(String::strip).toList();
            this.text = String.join("\n", lines);
        }

        ProfileDocument read() {
            skipBlankLinesAndBreadcrumbs();
            Identity identity = readIdentityAndFacts();
            List<SectionDocument> sections = readSections();
            List<Connection> connections = readConnections();
            List<Source> sources = readSources();
            if (facts.isEmpty() && sections.isEmpty() && connections.isEmpty() && sources.isEmpty()) {
                throw new UnreadableProfileException("No facts, sections, connections or sources follow the name line \""
                        + abbreviate(identity.name()) + "\": this is not a profile page.");
            }
            return DeterministicIds.assign(new ProfileDocument(identity, facts, sections, sources, connections));
        }

        /** A breadcrumb such as "← AI Safety Orgs" is navigation, not content. */
        private void skipBlankLinesAndBreadcrumbs() {
            while (at < lines.size() && (lines.get(at).isEmpty() || lines.get(at).startsWith("←"))) {
                at++;
            }
        }

        /** Name line, then single-line category and tagline blocks and a block of key/value fact lines, each optional. */
        private Identity readIdentityAndFacts() {
            if (at == lines.size()) {
                throw new UnreadableProfileException("The profile text has no name line.");
            }
            String nameLine = lines.get(at);
            if (nameLine.length() > MAX_NAME_LENGTH || !nameLine.matches("[\\p{L}\\p{N}\"“'].*")) {
                throw UnreadableProfileException.atLine(at + 1, "Line " + (at + 1) + " should be the organisation's name but is \""
                        + abbreviate(nameLine) + "\": this is not a profile page"
                        + (nameLine.startsWith("# ") ? " (it looks like Markdown)." : "."));
            }
            at++;
            Matcher named = NAME.matcher(nameLine);
            String name = named.matches() ? named.group(1) : nameLine;
            String shortName = named.matches() ? named.group(2) : null;
            String category = null;
            String tagline = null;
            while (true) {
                skipBlankLines();
                if (at == lines.size() || HeadingRules.isLandmark(lines.get(at))) {
                    break;
                }
                List<String> block = blockAt(at);
                if (block.size() == 1 && facts.isEmpty()) {
                    String line = block.get(0);
                    boolean sentence = HeadingRules.endsLikeASentence(line);
                    if (!sentence && category == null && tagline == null) {
                        category = line;
                    } else if (tagline == null && (sentence || !startsASection(at))) {
                        tagline = line;
                    } else {
                        break;
                    }
                } else if (facts.isEmpty() && isFactBlock(block)) {
                    for (int i = 0; i < block.size(); i += 2) {
                        facts.add(new Fact(block.get(i), block.get(i + 1)));
                    }
                } else {
                    break;
                }
                at += block.size();
            }
            return new Identity(name, shortName, category, tagline);
        }

        /** A title-like line followed by body text (not facts, not a landmark) opens a custom section. */
        private boolean startsASection(int line) {
            if (!HeadingRules.isTitleLike(lines.get(line))) {
                return false;
            }
            int next = line + 1;
            while (next < lines.size() && lines.get(next).isEmpty()) {
                next++;
            }
            return next < lines.size() && !HeadingRules.isLandmark(lines.get(next)) && !isFactBlock(blockAt(next));
        }

        private static boolean isFactBlock(List<String> block) {
            if (block.size() < 2 || block.size() % 2 != 0) {
                return false;
            }
            for (int i = 0; i < block.size(); i += 2) {
                String key = block.get(i);
                if (key.length() > MAX_FACT_KEY_LENGTH || HeadingRules.endsLikeASentence(key) || key.endsWith(",")) {
                    return false;
                }
            }
            return true;
        }

        private List<SectionDocument> readSections() {
            List<SectionBuilder> sections = new ArrayList<>();
            SectionBuilder analysis = null;
            SectionBuilder current = null;
            for (; at < lines.size(); at++) {
                String line = lines.get(at);
                if (HeadingRules.isConnectionsCaption(line) || HeadingRules.isSourcesCaption(line)) {
                    break;
                }
                if (line.isEmpty()) {
                    continue;
                }
                boolean standsAlone = previousBlank() && nextBlank();
                Optional<String> analysisTitle = previousBlank() ? HeadingRules.analysisTitle(line) : Optional.empty();
                if (analysisTitle.isPresent()) {
                    analysis = new SectionBuilder(analysisTitle.get());
                    current = analysis;
                    sections.add(analysis);
                } else if (previousBlank() && HeadingRules.isStandardSection(line)) {
                    analysis = null;
                    current = new SectionBuilder(line);
                    sections.add(current);
                } else if (analysis != null && previousBlank()
                        && (HeadingRules.isStandardAnalysisSubsection(line) || standsAlone && HeadingRules.isTitleLike(line))) {
                    current = analysis.addSubsection(line);
                } else if (standsAlone && HeadingRules.isTitleLike(line)) {
                    current = new SectionBuilder(line);
                    sections.add(current);
                } else if (current == null) {
                    throw UnreadableProfileException.atLine(at + 1, "Line " + (at + 1) + " (\"" + abbreviate(line)
                            + "\") comes before the first section heading and is not a category, tagline or fact.");
                } else {
                    current.addLine(line);
                }
            }
            return sections.stream().map(SectionBuilder::build).toList();
        }

        private List<Connection> readConnections() {
            skipBlankLines();
            if (at == lines.size() || !HeadingRules.isConnectionsCaption(lines.get(at))) {
                return List.of();
            }
            ConnectionLineSplitter splitter = new ConnectionLineSplitter(text);
            List<Connection> connections = new ArrayList<>();
            for (at++; at < lines.size() && !HeadingRules.isSourcesCaption(lines.get(at)); at++) {
                if (!lines.get(at).isEmpty()) {
                    connections.addAll(splitter.split(lines.get(at)));
                }
            }
            return connections;
        }

        /**
         * Numbered lines after "Sources (N)"; unnumbered lines before the first one caption the list
         * ("Every URL that was read during research.") and are skipped; later ones continue the numbering.
         */
        private List<Source> readSources() {
            skipBlankLines();
            if (at == lines.size()) {
                return List.of();
            }
            List<String> texts = new ArrayList<>();
            List<Integer> numbers = new ArrayList<>();
            for (at++; at < lines.size(); at++) {
                String line = lines.get(at);
                Matcher source = SOURCE.matcher(line);
                if (source.matches()) {
                    numbers.add(Integer.parseInt(source.group(1)));
                    texts.add(repeatsNumber(source) ? source.group(3) : nullToEmpty(source.group(2)) + source.group(3));
                } else if (!line.isEmpty() && !numbers.isEmpty()) {
                    numbers.add(numbers.get(numbers.size() - 1) + 1);
                    texts.add(line);
                }
            }
            SiteSplitter splitter = new SiteSplitter(text, texts);
            List<Source> sources = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                SiteSplitter.Split split = splitter.split(texts.get(i));
                sources.add(new Source(null, numbers.get(i), split.title(), null, split.site()));
            }
            return sources;
        }

        /** The page repeats a source's number ("1. 1.Title"); a different second number belongs to the title. */
        private static boolean repeatsNumber(Matcher source) {
            return source.group(2) == null || source.group(2).equals(source.group(1) + ".");
        }

        private static String nullToEmpty(String text) {
            return text == null ? "" : text;
        }

        private List<String> blockAt(int start) {
            int end = start;
            while (end < lines.size() && !lines.get(end).isEmpty() && (end == start || !HeadingRules.isLandmark(lines.get(end)))) {
                end++;
            }
            return lines.subList(start, end);
        }

        private void skipBlankLines() {
            while (at < lines.size() && lines.get(at).isEmpty()) {
                at++;
            }
        }

        private boolean previousBlank() {
            return at == 0 || lines.get(at - 1).isEmpty();
        }

        private boolean nextBlank() {
            return at + 1 == lines.size() || lines.get(at + 1).isEmpty();
        }

        private static String abbreviate(String line) {
            return line.length() <= 60 ? line : line.substring(0, 57) + "...";
        }
    }
}
