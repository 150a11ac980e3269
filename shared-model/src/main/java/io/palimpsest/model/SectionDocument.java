package io.palimpsest.model;

import java.util.List;

/** A section as written down in an import or export, with one level of subsections. */
public record SectionDocument(String id, String title, List<ClaimDocument> claims, List<SectionDocument> subsections) {
    public SectionDocument {
        claims = claims == null ? List.of() : List.copyOf(claims);
        subsections = subsections == null ? List.of() : List.copyOf(subsections);
    }
}
