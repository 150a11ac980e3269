package io.palimpsest.importing;

import io.palimpsest.model.ClaimDocument;
import io.palimpsest.model.ClaimItem;
import io.palimpsest.model.ClaimKind;
import io.palimpsest.model.SectionDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects a section's claims line by line while a page is read. */
final class SectionBuilder {

    private final String title;
    private final List<ClaimDocument> claims = new ArrayList<>();
    private final List<SectionBuilder> subsections = new ArrayList<>();

    SectionBuilder(String title) {
        this.title = title;
    }

    SectionBuilder addSubsection(String subsectionTitle) {
        SectionBuilder subsection = new SectionBuilder(subsectionTitle);
        subsections.add(subsection);
        return subsection;
    }

    /**
     * Adds a body line. Labelled bullets right after a labelled claim (a Key Assumption's
     * "Evidence for: …") become that claim's items; every other line is a claim of its own.
     */
    void addLine(String line) {
        Optional<ClaimItem> item = ClaimLines.bulletText(line).flatMap(ClaimLines::item);
        ClaimDocument previous = claims.isEmpty() ? null : claims.get(claims.size() - 1);
        if (item.isPresent() && previous != null && previous.kind() == ClaimKind.LABELLED) {
            addItems(List.of(item.get()));
        } else {
            claims.add(ClaimLines.claim(line));
        }
    }

    void add(ClaimDocument claim) {
        claims.add(claim);
    }

    /** Appends labelled sub-items to the claim added last. */
    void addItems(List<ClaimItem> newItems) {
        if (claims.isEmpty()) {
            throw new UnreadableProfileException("Section \"" + title + "\" has sub-items before any claim.");
        }
        ClaimDocument last = claims.get(claims.size() - 1);
        List<ClaimItem> items = new ArrayList<>(last.items());
        items.addAll(newItems);
        claims.set(claims.size() - 1, new ClaimDocument(last.id(), last.kind(), last.label(), last.text(), items,
                last.citations(), last.url()));
    }

    SectionDocument build() {
        return new SectionDocument(null, title, claims, subsections.stream().map(SectionBuilder::build).toList());
    }
}
