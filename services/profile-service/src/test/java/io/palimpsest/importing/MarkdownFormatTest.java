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

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarkdownFormatTest {

    private static final String NASTY = "*stars* _under_ #hash [link](http://x) <script>alert(1)</script> `tick` "
            + "\\back\\slash &amp; &#65; !not an image ~~strike~~ | pipe ** __ > quote";

    private final MarkdownExporter exporter = new MarkdownExporter();
    private final MarkdownParser parser = new MarkdownParser();
    private final ProfileDocument sample = new PageTextParser().parse(Samples.read(Samples.BEIJING_AISI));

    @Test
    void roundTripsMarkdownExport() {
        assertThat(parser.parse(exporter.export(sample))).isEqualTo(sample);
    }

    @Test
    void exportsInTheLayoutOfThePage() {
        String markdown = exporter.export(sample);
        assertThat(markdown).startsWith("# Beijing Institute of AI Safety and Governance (Beijing-AISI)\n\nGovernance\n\n"
                + "> Chinese government approach.\n\n- **Founded:** 2024\n");
        assertThat(markdown).contains("\n## Theory of Change\n\nBeijing-AISI's stated theory",
                "\n1. AI poses both", "\n5. Beijing-AISI exists",
                "\n**Technical outputs:** 5 GitHub repositories",
                "\n- No published safety evaluation results",
                "\n1. [Yi Zeng -- Chinese Perspectives on AI Safety](https://chineseperspectives.ai/Yi-ZENG): The most candid source.",
                "\n## Claude’s analysis\n\nAn opinionated read.",
                "\n### Key Assumptions\n\n**Assumption 1:** International engagement leads to domestic policy change.\n\n"
                        + "  + **Evidence for:** The Third Plenum",
                "  + **Testable?** Yes -- watch",
                "\n---\n\n## Connected to (8)\n\n- **Center for Long-term AI** *staff from* · Yi Zeng\n",
                "- **Concordia AI** *collaborator*\n",
                "\n## Sources (38)\n\n1. What do we know about China’s new AI safety institute? - DigiChina · *digichina.stanford.edu*\n",
                "30. China Al Safety \\\\u0026amp; Development Association-0 Home · *cnaisi.cn*");
    }

    @Test
    void roundTripsTextFullOfMarkdownSyntax() {
        ProfileDocument nasty = DeterministicIds.assign(new ProfileDocument(
                new Identity("# Not (a heading) *x*", "A_B", "1. Not a list", "- not a bullet " + NASTY),
                List.of(new Fact("Key*:", NASTY), new Fact("Why?", "+ plus")),
                List.of(new SectionDocument(null, "## Title #", List.of(
                                claim(ClaimKind.PARAGRAPH, null, "1. starts like a list " + NASTY),
                                claim(ClaimKind.PARAGRAPH, null, "  leading and trailing spaces  "),
                                claim(ClaimKind.PARAGRAPH, null, "---"),
                                claim(ClaimKind.LABELLED, "**bold** label", "> " + NASTY),
                                new ClaimDocument(null, ClaimKind.LABELLED, "Assumption [1]", "text",
                                        List.of(new ClaimItem("Evidence for", NASTY), new ClaimItem("Testable?", "- yes"),
                                                new ClaimItem(null, "1) unlabelled")), List.of("s2", "s7"), null),
                                claim(ClaimKind.BULLET, null, "+ plus " + NASTY),
                                claim(ClaimKind.BULLET, "Bullet label", "~~~ fence"),
                                claim(ClaimKind.NUMBERED, null, "2024. a year"),
                                new ClaimDocument(null, ClaimKind.NUMBERED, "Title (with) [brackets]", NASTY, List.of(),
                                        List.of(), "https://example.org/a_(b)?x=1&amp;y=<2>"),
                                claim(ClaimKind.PARAGRAPH, null, "=== under")),
                        List.of(new SectionDocument(null, "Sub *section*", List.of(
                                claim(ClaimKind.NUMBERED, null, "<div>block html</div>")), List.of())))),
                List.of(new Source(null, 2, "Title · with dot " + NASTY, null, "example.org"),
                        new Source(null, 3, "[Linked]", "https://example.org/(x)", null),
                        new Source(null, 7, "7. after a gap", null, "*site*")),
                List.of(new Connection(null, "**Org** · x", "partner", "A · B"),
                        new Connection(null, "Plain Org", null, null))));
        String markdown = exporter.export(nasty);
        assertThat(markdown).doesNotContain("<script>");
        assertThat(parser.parse(markdown)).isEqualTo(nasty);
    }

    @Test
    void importsEitherLayoutThroughOneEntryPoint() {
        ProfileImporter importer = new ProfileImporter(new PageTextParser(), parser);
        String markdown = exporter.export(sample);
        assertThat(importer.parse(markdown)).isEqualTo(sample);
        assertThat(importer.parse(Samples.read(Samples.BEIJING_AISI))).isEqualTo(sample);
        assertThat(ProfileImporter.isMarkdown("\uFEFF\n# Name")).isTrue();
        assertThat(ProfileImporter.isMarkdown("← AI Safety Orgs\n\nName")).isFalse();
    }

    @Test
    void rejectsMarkdownThatIsNotAProfile() {
        assertThatThrownBy(() -> parser.parse("")).isInstanceOf(UnreadableProfileException.class);
        assertThatThrownBy(() -> parser.parse("Just text")).isInstanceOf(UnreadableProfileException.class)
                .hasMessageContaining("level-1 heading");
        assertThatThrownBy(() -> parser.parse("# Name\n\n## Section\n\n```\ncode\n```\n"))
                .isInstanceOf(UnreadableProfileException.class).hasMessageContaining("line 5");
    }

    private static ClaimDocument claim(ClaimKind kind, String label, String text) {
        return new ClaimDocument(null, kind, label, text, List.of(), List.of(), null);
    }
}
