package io.palimpsest.model;

import java.util.List;

/**
 * A claim as it is written down in an import or export: no revisions, just content.
 *
 * @param url       the link a reading-list entry points at, if any
 * @param citations ids of the sources the claim cites
 */
public record ClaimDocument(String id, ClaimKind kind, String label, String text, List<ClaimItem> items,
                            List<String> citations, String url) {
    public ClaimDocument {
        items = items == null ? List.of() : List.copyOf(items);
        citations = citations == null ? List.of() : List.copyOf(citations);
    }
}
