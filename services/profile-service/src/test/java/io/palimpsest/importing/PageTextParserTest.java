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
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTextParserTest {

    private static final String PAGE = Samples.read(Samples.BEIJING_AISI);
    private final ProfileDocument document = new PageTextParser().parse(PAGE);

    @Test
    void importsEveryCountOfTheSamplePage() {
        assertThat(document.facts()).extracting(Fact::key).containsExactly("Founded", "HQ", "Structure", "Model");
        assertThat(document.sections()).extracting(SectionDocument::title).containsExactly("Theory of Change",
                "What They Do", "Key People", "Money and Incentives", "What Others Say", "What's Absent",
                "Recommended Reading", "Claude’s analysis");
        assertThat(document.sections()).extracting(s -> s.claims().size()).containsExactly(7, 4, 3, 5, 5, 9, 4, 1);
        assertThat(section("Theory of Change").claims()).extracting(ClaimDocument::kind).containsExactly(
                ClaimKind.PARAGRAPH, ClaimKind.NUMBERED, ClaimKind.NUMBERED, ClaimKind.NUMBERED, ClaimKind.NUMBERED,
                ClaimKind.NUMBERED, ClaimKind.PARAGRAPH);
        assertThat(section("What They Do").claims()).allMatch(c -> c.kind() == ClaimKind.LABELLED);
        assertThat(section("What's Absent").claims()).allMatch(c -> c.kind() == ClaimKind.BULLET);
        assertThat(analysis().subsections()).extracting(SectionDocument::title).containsExactly(
                "Stated Theory of Change", "Revealed Theory of Change", "Key Assumptions", "Strengths",
                "Weaknesses and Risks", "Cross-References", "What Would Change This Assessment", "Self-Critique");
        assertThat(subsection("Strengths").claims()).hasSize(5).allMatch(c -> c.kind() == ClaimKind.NUMBERED);
        assertThat(subsection("Weaknesses and Risks").claims()).hasSize(6).allMatch(c -> c.kind() == ClaimKind.NUMBERED);
        assertThat(document.connections()).hasSize(8);
        assertThat(document.sources()).hasSize(38);
    }

    @Test
    void readsIdentityAndFactsFromTheHeader() {
        assertThat(document.identity()).isEqualTo(new Identity("Beijing Institute of AI Safety and Governance",
                "Beijing-AISI", "Governance", "Chinese government approach."));
        assertThat(document.facts()).contains(new Fact("Structure", "government research institute (China municipal)"));
    }

    @Test
    void titlesTheAnalysisWithoutItsToggleAndKeepsItsIntroduction() {
        assertThat(analysis().claims()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ClaimKind.PARAGRAPH);
            assertThat(c.text()).isEqualTo("An opinionated read. Read the brief first to form your own view.");
        });
    }

    @Test
    void readsKeyAssumptionsWithTheirLabelledItems() {
        List<ClaimDocument> assumptions = subsection("Key Assumptions").claims();
        assertThat(assumptions).hasSize(4).allSatisfy(a -> {
            assertThat(a.kind()).isEqualTo(ClaimKind.LABELLED);
            assertThat(a.items()).extracting(ClaimItem::label)
                    .containsExactly("Evidence for", "Evidence against", "Testable?", "If wrong");
        });
        assertThat(assumptions.get(0).label()).isEqualTo("Assumption 1");
        assertThat(assumptions.get(0).text()).isEqualTo("International engagement leads to domestic policy change.");
        assertThat(assumptions.get(0).items().get(2).text()).startsWith("Yes -- watch whether China creates");
    }

    @Test
    void labelsOnlyNameLikeLeadIns() {
        assertThat(section("Key People").claims()).extracting(ClaimDocument::label)
                .containsExactly("Yi Zeng (Founding Dean/Director)", "Wei Kai (Deputy Director)", "Team size");
        assertThat(section("Theory of Change").claims().get(6).text()).startsWith("The institutional theory of change is: ");
        assertThat(subsection("Stated Theory of Change").claims()).extracting(ClaimDocument::kind).containsExactly(
                ClaimKind.PARAGRAPH, ClaimKind.LABELLED, ClaimKind.LABELLED, ClaimKind.PARAGRAPH);
    }

    @Test
    void readsRecommendedReadingWithTitleAndUrl() {
        ClaimDocument first = section("Recommended Reading").claims().get(0);
        assertThat(first.kind()).isEqualTo(ClaimKind.NUMBERED);
        assertThat(first.label()).isEqualTo("Yi Zeng -- Chinese Perspectives on AI Safety");
        assertThat(first.url()).isEqualTo("https://chineseperspectives.ai/Yi-ZENG");
        assertThat(first.text()).startsWith("The most candid source.");
        assertThat(section("Recommended Reading").claims()).allMatch(c -> c.url().startsWith("https://"));
    }

    @Test
    void keepsRevisionListsAsAParagraphFollowedByBullets() {
        assertThat(subsection("What Would Change This Assessment").claims()).extracting(ClaimDocument::kind)
                .containsExactly(ClaimKind.PARAGRAPH, ClaimKind.BULLET, ClaimKind.BULLET, ClaimKind.BULLET,
                        ClaimKind.BULLET, ClaimKind.BULLET, ClaimKind.PARAGRAPH, ClaimKind.BULLET, ClaimKind.BULLET,
                        ClaimKind.BULLET, ClaimKind.BULLET, ClaimKind.BULLET);
    }

    @Test
    void splitsConnectionsRunTogetherOnOneLine() {
        assertThat(document.connections()).startsWith(
                new Connection("x1", "Center for Long-term AI", "staff from", "Yi Zeng"),
                new Connection("x2", "Chinese Academy of Sciences (Institute of Automation)", "staff from", "Yi Zeng"),
                new Connection("x3", "Peking University (PAIR Lab)", "collaborator", "Yaodong Yang"));
        assertThat(document.connections()).contains(new Connection("x6", "Concordia AI", "collaborator", null));
        String block = PAGE.substring(PAGE.indexOf("Connected to (8)\n\n") + 18, PAGE.indexOf("Sources (38)"))
                .replace("\n", "");
        assertThat(document.connections().stream().map(PageTextParserTest::rejoin).reduce("", String::concat))
                .isEqualTo(block);
    }

    @Test
    void splitsSourceTitlesFromTheirRunInSites() {
        assertThat(document.sources().get(0)).isEqualTo(new Source("s1", 1,
                "What do we know about China’s new AI safety institute? - DigiChina", null, "digichina.stanford.edu"));
        assertThat(document.sources()).extracting(Source::site).contains("chineseperspectives.ai", "arxiv.org",
                "carnegieendowment.org", "aisafetychina.substack.com", "en.wikipedia.org", "iaps.ai", "time.com");
        assertThat(document.sources()).extracting(Source::number)
                .containsExactlyElementsOf(Stream.iterate(1, n -> n + 1).limit(38).toList());
        List<String> lines = PAGE.lines().filter(l -> l.matches("\\s+\\d+\\. \\d+\\..*")).toList();
        for (Source source : document.sources()) {
            assertThat("  " + source.number() + ". " + source.number() + "." + source.title() + source.site())
                    .isEqualTo(lines.get(source.number() - 1));
        }
    }

    @Test
    void keepsHtmlEntitiesVerbatim() {
        assertThat(document.sources().get(29).title()).isEqualTo("China Al Safety \\u0026amp; Development Association-0 Home");
    }

    @Test
    void losesNoSentenceOfTheSamplePage() {
        Identity identity = document.identity();
        String everything = identity.name() + " (" + identity.shortName() + ")\n" + String.join("\n", everyString(document));
        List<String> content = PAGE.substring(0, PAGE.indexOf("Connected to (8)")).lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("←") && !line.startsWith("Show "))
                .map(line -> line.replaceFirst("^(\\d+\\.|•) ", ""))
                .toList();
        assertThat(content).hasSizeGreaterThan(100);
        for (String line : content) {
            for (String fragment : line.split("(?<=[.?!:]) |(?<=\\)): | \\((?=https://)")) {
                assertThat(everything).as("page line %s", line).contains(fragment.replaceFirst(":$", "").replaceFirst("^(https://\\S+)\\)$", "$1"));
            }
        }
    }

    @Test
    void neverPutsANewlineIntoAClaim() {
        assertThat(everyString(document)).noneMatch(s -> s.contains("\n"));
    }

    @Test
    void derivesIdsFromOrderAndTitles() {
        assertThat(document.sections()).extracting(SectionDocument::id).containsExactly("theory-of-change",
                "what-they-do", "key-people", "money-and-incentives", "what-others-say", "whats-absent",
                "recommended-reading", "claudes-analysis");
        assertThat(analysis().subsections().get(5).id()).isEqualTo("cross-references");
        assertThat(document.sections().get(0).claims().get(0).id()).isEqualTo("c1");
        assertThat(analysis().subsections().get(7).claims().get(4).id()).isEqualTo("c84");
        assertThat(document.sources().get(37).id()).isEqualTo("s38");
        assertThat(document.connections().get(7).id()).isEqualTo("x8");
    }

    @Test
    void readsAnotherPageWithCustomSectionsAndMissingParts() {
        String page = """
                Example Lab (EL)

                Research

                Founded
                2019

                Overview

                Example Lab studies things.

                Theory of Change

                Funding: Mostly grants.

                Open Questions

                  • Whether it works
                  • Whether it scales
                Sources (2)
                  1. 1.About usexample.org
                  2. 2.Annual Report 2023example.org
                """;
        ProfileDocument other = new PageTextParser().parse(page);
        assertThat(other.identity()).isEqualTo(new Identity("Example Lab", "EL", "Research", null));
        assertThat(other.facts()).containsExactly(new Fact("Founded", "2019"));
        assertThat(other.sections()).extracting(SectionDocument::title)
                .containsExactly("Overview", "Theory of Change", "Open Questions");
        assertThat(other.sections().get(2).claims()).hasSize(2).allMatch(c -> c.kind() == ClaimKind.BULLET);
        assertThat(other.connections()).isEmpty();
        assertThat(other.sources()).extracting(Source::title, Source::site)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("About us", "example.org"),
                        org.assertj.core.groups.Tuple.tuple("Annual Report 2023", "example.org"));
    }

    @Test
    void rejectsTextThatIsNotAProfile() {
        PageTextParser parser = new PageTextParser();
        assertThatThrownBy(() -> parser.parse("")).isInstanceOf(UnreadableProfileException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> parser.parse("  \n\n ")).isInstanceOf(UnreadableProfileException.class);
        assertThatThrownBy(() -> parser.parse("PK\u0003\u0004\u0000\u0000junk")).isInstanceOf(UnreadableProfileException.class)
                .hasMessageContaining("binary");
        assertThatThrownBy(() -> parser.parse("{\"name\": \"x\"}")).isInstanceOf(UnreadableProfileException.class)
                .hasMessageContaining("Line 1");
        assertThatThrownBy(() -> parser.parse("Just a name")).isInstanceOf(UnreadableProfileException.class)
                .hasMessageContaining("not a profile page");
        assertThatThrownBy(() -> parser.parse("← Back\n\n")).isInstanceOf(UnreadableProfileException.class)
                .hasMessageContaining("no name line");
        assertThat(new UnreadableProfileException("x")).isInstanceOf(IllegalArgumentException.class);
    }

    private SectionDocument section(String title) {
        return document.sections().stream().filter(s -> s.title().equals(title)).findFirst().orElseThrow();
    }

    private SectionDocument analysis() {
        return section("Claude’s analysis");
    }

    private SectionDocument subsection(String title) {
        return analysis().subsections().stream().filter(s -> s.title().equals(title)).findFirst().orElseThrow();
    }

    static List<String> everyString(ProfileDocument document) {
        List<String> strings = new ArrayList<>();
        Identity identity = document.identity();
        Stream.of(identity.name(), identity.shortName(), identity.category(), identity.tagline()).forEach(strings::add);
        document.facts().forEach(f -> strings.addAll(List.of(f.key(), f.value())));
        for (SectionDocument section : document.sections()) {
            addSection(section, strings);
            section.subsections().forEach(sub -> addSection(sub, strings));
        }
        document.sources().forEach(s -> strings.add(s.title() + s.site()));
        document.connections().forEach(c -> strings.add(rejoin(c)));
        strings.removeIf(java.util.Objects::isNull);
        return strings;
    }

    /** The page line a connection was read from: the page writes " · " before a person. */
    static String rejoin(Connection connection) {
        return connection.target() + (connection.relation() == null ? "" : connection.relation())
                + (connection.via() == null ? "" : " · " + connection.via());
    }

    private static void addSection(SectionDocument section, List<String> strings) {
        strings.add(section.title());
        for (ClaimDocument claim : section.claims()) {
            Stream.of(claim.label(), claim.url(), claim.text()).forEach(strings::add);
            claim.items().forEach(i -> strings.addAll(List.of(i.label(), i.text())));
        }
    }
}
