package io.palimpsest.importing;

import io.palimpsest.model.Connection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunTogetherSplittingTest {

    @Test
    void splitsConnectionsWithoutPeopleRunTogether() {
        ConnectionLineSplitter splitter = new ConnectionLineSplitter("");
        assertThat(splitter.split("Concordia AIcollaboratorUK AI Security Institutefunded by")).containsExactly(
                new Connection(null, "Concordia AI", "collaborator", null),
                new Connection(null, "UK AI Security Institute", "funded by", null));
    }

    @Test
    void prefersACutWhosePersonIsNamedElsewhereOnThePage() {
        ConnectionLineSplitter splitter = new ConnectionLineSplitter("Advisers include Ann McDonald.");
        assertThat(splitter.split("Alpha Labpartner · Ann McDonaldOpenAIstaff from · Bo Li")).containsExactly(
                new Connection(null, "Alpha Lab", "partner", "Ann McDonald"),
                new Connection(null, "OpenAI", "staff from", "Bo Li"));
    }

    @Test
    void keepsALineWithoutAKnownRelationAsOneConnection() {
        assertThat(new ConnectionLineSplitter("").split("Some Org with an unusual link"))
                .containsExactly(new Connection(null, "Some Org with an unusual link", null, null));
    }

    @Test
    void splitsSitesByEchoSeparationAndPageVocabulary() {
        List<String> lines = List.of("Annual Report - Example Foundationexamplefoundation.org",
                "What is next?arxiv.org", "A Study of Thingsarxiv.org", "Homepagehome.example.com");
        SiteSplitter splitter = new SiteSplitter("A homepage for things.\n" + String.join("\n", lines), lines);
        assertThat(splitter.split(lines.get(0))).isEqualTo(
                new SiteSplitter.Split("Annual Report - Example Foundation", "examplefoundation.org"));
        assertThat(splitter.split(lines.get(2))).isEqualTo(new SiteSplitter.Split("A Study of Things", "arxiv.org"));
        assertThat(splitter.split("No site at all")).isEqualTo(new SiteSplitter.Split("No site at all", null));
    }
}
