package io.palimpsest.importing;

import io.palimpsest.model.ClaimDocument;
import io.palimpsest.model.Connection;
import io.palimpsest.model.ProfileDocument;
import io.palimpsest.model.SectionDocument;
import io.palimpsest.model.Source;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Gives an imported document ids that depend only on its content and order, so that importing the
 * Markdown export of an imported profile yields the same ids again: claims {@code c1, c2, ...} in
 * document order, sections the slug of their title (made unique across sections and subsections),
 * sources {@code s<number>}, connections {@code x1, x2, ...}.
 */
final class DeterministicIds {

    private final Set<String> slugsTaken = new HashSet<>();
    private int claims;

    private DeterministicIds() {
    }

    static ProfileDocument assign(ProfileDocument document) {
        return new DeterministicIds().renumber(document);
    }

    static String slug(String title) {
        String ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .replaceAll("['’‘`]", "")
                .toLowerCase(Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
        return slug.isEmpty() ? "section" : slug;
    }

    private ProfileDocument renumber(ProfileDocument document) {
        List<SectionDocument> sections = document.sections().stream().map(this::renumber).toList();
        List<Source> sources = document.sources().stream()
                .map(s -> new Source("s" + s.number(), s.number(), s.title(), s.url(), s.site()))
                .toList();
        List<Connection> connections = new ArrayList<>();
        for (Connection c : document.connections()) {
            connections.add(new Connection("x" + (connections.size() + 1), c.target(), c.relation(), c.via()));
        }
        return new ProfileDocument(document.identity(), document.facts(), sections, sources, connections);
    }

    private SectionDocument renumber(SectionDocument section) {
        String id = uniqueSlug(section.title());
        List<ClaimDocument> claimDocuments = section.claims().stream()
                .map(c -> new ClaimDocument("c" + (++claims), c.kind(), c.label(), c.text(), c.items(),
                        c.citations(), c.url()))
                .toList();
        List<SectionDocument> subsections = section.subsections().stream().map(this::renumber).toList();
        return new SectionDocument(id, section.title(), claimDocuments, subsections);
    }

    private String uniqueSlug(String title) {
        String base = slug(title);
        String candidate = base;
        for (int n = 2; !slugsTaken.add(candidate); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }
}
