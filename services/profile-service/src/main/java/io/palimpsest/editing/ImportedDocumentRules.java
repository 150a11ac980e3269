package io.palimpsest.editing;

import io.palimpsest.model.ClaimDocument;
import io.palimpsest.model.Connection;
import io.palimpsest.model.ProfileDocument;
import io.palimpsest.model.SectionDocument;
import io.palimpsest.model.Source;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The invariants a whole imported profile must meet, the same ones single edits keep. */
final class ImportedDocumentRules {

    private ImportedDocumentRules() {
    }

    static void check(ProfileDocument document) {
        if (document == null || document.identity() == null || blank(document.identity().name())) {
            throw ProfileRejection.invalid("An imported profile needs a name");
        }
        Set<String> sectionIds = new HashSet<>();
        Set<String> claimIds = new HashSet<>();
        Set<String> sourceIds = document.sources().stream().map(Source::id).collect(Collectors.toSet());
        requireUnique(document.sources().stream().map(Source::id).toList(), "source");
        requireUnique(document.sources().stream().map(s -> String.valueOf(s.number())).toList(), "source number");
        requireUnique(document.connections().stream().map(Connection::id).toList(), "connection");
        for (SectionDocument section : document.sections()) {
            checkSection(section, sectionIds, claimIds, sourceIds);
            for (SectionDocument subsection : section.subsections()) {
                if (!subsection.subsections().isEmpty()) {
                    throw ProfileRejection.invalid("Sections nest one level deep; '" + subsection.id() + "' nests deeper");
                }
                checkSection(subsection, sectionIds, claimIds, sourceIds);
            }
        }
    }

    private static void checkSection(SectionDocument section, Set<String> sectionIds, Set<String> claimIds,
                                     Set<String> sourceIds) {
        if (blank(section.id()) || blank(section.title())) {
            throw ProfileRejection.invalid("Every section needs an id and a title");
        }
        if (!sectionIds.add(section.id())) {
            throw ProfileRejection.invalid("Duplicate section id '" + section.id() + "'");
        }
        for (ClaimDocument claim : section.claims()) {
            if (blank(claim.id()) || claim.kind() == null || blank(claim.text())) {
                throw ProfileRejection.invalid("Every claim needs an id, a kind and text (section '" + section.id() + "')");
            }
            if (!claimIds.add(claim.id())) {
                throw ProfileRejection.invalid("Duplicate claim id '" + claim.id() + "'");
            }
            for (String citation : claim.citations()) {
                if (!sourceIds.contains(citation)) {
                    throw ProfileRejection.invalid("Claim '" + claim.id() + "' cites a missing source '" + citation + "'");
                }
            }
        }
    }

    private static void requireUnique(List<String> ids, String what) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (blank(id) || !seen.add(id)) {
                throw ProfileRejection.invalid("Missing or duplicate " + what + " id '" + id + "'");
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
