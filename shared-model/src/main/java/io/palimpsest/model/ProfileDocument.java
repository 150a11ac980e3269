package io.palimpsest.model;

import java.util.List;

/**
 * A whole profile's content without any history: what an import produces and a JSON export holds.
 */
public record ProfileDocument(Identity identity, List<Fact> facts, List<SectionDocument> sections,
                              List<Source> sources, List<Connection> connections) {
    public ProfileDocument {
        facts = facts == null ? List.of() : List.copyOf(facts);
        sections = sections == null ? List.of() : List.copyOf(sections);
        sources = sources == null ? List.of() : List.copyOf(sources);
        connections = connections == null ? List.of() : List.copyOf(connections);
    }
}
