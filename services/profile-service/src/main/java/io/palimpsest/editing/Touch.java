package io.palimpsest.editing;

import io.palimpsest.model.ClaimDocument;
import io.palimpsest.model.ProfileDocument;
import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.ProfileEvent.*;
import io.palimpsest.model.SectionDocument;

import java.util.stream.Stream;

/**
 * One aspect of a profile that an edit can change: a fact, a section, a claim's content, its place,
 * its citations, a source, a connection. Two edits conflict only when they touch the same aspect, so a
 * stale edit of claim A never fails because claim B changed, and citing a source never collides with a
 * revision of the text.
 */
record Touch(Element element, String id) {

    /** The kinds of element, each with the prefix of its key in {@link ProfileSheet}'s change log. */
    enum Element {
        IDENTITY("identity", "identity"), FACT("fact:", "fact"), SECTION("section:", "section"),
        CLAIM_CONTENT("claim:", "claim"), CLAIM_PLACE("claim:", "claim"), CLAIM_CITATIONS("claim:", "claim"),
        SOURCE("source:", "source"), CONNECTION("connection:", "connection");

        private final String prefix;
        private final String noun;

        Element(String prefix, String noun) {
            this.prefix = prefix;
            this.noun = noun;
        }

        boolean isClaim() {
            return this == CLAIM_CONTENT || this == CLAIM_PLACE || this == CLAIM_CITATIONS;
        }
    }

    /** The key under which the sheet keeps this element's last change (stored in snapshots: do not change). */
    String key() {
        return switch (element) {
            case IDENTITY -> element.prefix;
            case CLAIM_CONTENT -> element.prefix + id + ":content";
            case CLAIM_PLACE -> element.prefix + id + ":place";
            case CLAIM_CITATIONS -> element.prefix + id + ":citations";
            default -> element.prefix + id;
        };
    }

    /** How a refusal names it: "fact 'Founded'", "claim 'c3'". */
    String describe() {
        return element == Element.IDENTITY ? element.noun : element.noun + " '" + id + "'";
    }

    static Touch identity() {
        return new Touch(Element.IDENTITY, null);
    }

    static Touch fact(String key) {
        return new Touch(Element.FACT, key);
    }

    static Touch section(String sectionId) {
        return new Touch(Element.SECTION, sectionId);
    }

    static Touch claimContent(String claimId) {
        return new Touch(Element.CLAIM_CONTENT, claimId);
    }

    static Touch claimPlace(String claimId) {
        return new Touch(Element.CLAIM_PLACE, claimId);
    }

    static Touch claimCitations(String claimId) {
        return new Touch(Element.CLAIM_CITATIONS, claimId);
    }

    static Touch source(String sourceId) {
        return new Touch(Element.SOURCE, sourceId);
    }

    static Touch connection(String connectionId) {
        return new Touch(Element.CONNECTION, connectionId);
    }

    static Stream<Touch> claimAspects(String claimId) {
        return Stream.of(claimContent(claimId), claimPlace(claimId), claimCitations(claimId));
    }

    /** The aspects an event changed. */
    static Stream<Touch> of(ProfileEvent event) {
        if (event instanceof ProfileCreated) {
            return Stream.of(identity());
        } else if (event instanceof ProfileImported e) {
            return everything(e.document());
        } else if (event instanceof ProfileReverted e) {
            return everything(e.document());
        } else if (event instanceof FactSet e) {
            return Stream.of(fact(e.key()));
        } else if (event instanceof FactRemoved e) {
            return Stream.of(fact(e.key()));
        } else if (event instanceof IdentityRevised) {
            return Stream.of(identity());
        } else if (event instanceof SectionAdded e) {
            return Stream.of(section(e.sectionId()));
        } else if (event instanceof SectionRenamed e) {
            return Stream.of(section(e.sectionId()));
        } else if (event instanceof SectionMoved e) {
            return Stream.of(section(e.sectionId()));
        } else if (event instanceof SectionRemoved e) {
            return Stream.of(section(e.sectionId()));
        } else if (event instanceof ClaimAdded e) {
            return claimAspects(e.claimId());
        } else if (event instanceof ClaimRevised e) {
            return Stream.of(claimContent(e.claimId()));
        } else if (event instanceof ClaimMoved e) {
            return Stream.of(claimPlace(e.claimId()));
        } else if (event instanceof ClaimRetracted e) {
            return Stream.of(claimPlace(e.claimId()));
        } else if (event instanceof ClaimRestored e) {
            return Stream.of(claimPlace(e.claimId()));
        } else if (event instanceof SourceCited e) {
            return Stream.of(claimCitations(e.claimId()));
        } else if (event instanceof SourceUncited e) {
            return Stream.of(claimCitations(e.claimId()));
        } else if (event instanceof SourceAdded e) {
            return Stream.of(source(e.source().id()));
        } else if (event instanceof SourceEdited e) {
            return Stream.of(source(e.source().id()));
        } else if (event instanceof SourceRemoved e) {
            return Stream.of(source(e.sourceId()));
        } else if (event instanceof ConnectionAdded e) {
            return Stream.of(connection(e.connection().id()));
        } else if (event instanceof ConnectionRemoved e) {
            return Stream.of(connection(e.connectionId()));
        } else if (event instanceof ChangeApproved || event instanceof ChangeRejected
                || event instanceof ChangesUndone
                || event instanceof SuggestionModeSwitched || event instanceof EditSuggested
                || event instanceof SuggestionAmended || event instanceof SuggestionAccepted
                || event instanceof SuggestionDeclined || event instanceof SuggestionWithdrawn) {
            // Reviews and suggestions change nothing of the content; what a rejection or an undo reverts, or an
            // accepted suggestion applies, are events of their own.
            return Stream.empty();
        }
        throw new IllegalArgumentException("Unknown event " + event.getClass());
    }

    /** Everything an imported document brings in. */
    static Stream<Touch> everything(ProfileDocument document) {
        return Stream.of(
                Stream.of(identity()),
                document.facts().stream().map(f -> fact(f.key())),
                document.sections().stream().flatMap(Touch::sectionAndClaims),
                document.sources().stream().map(s -> source(s.id())),
                document.connections().stream().map(c -> connection(c.id()))
        ).flatMap(s -> s);
    }

    private static Stream<Touch> sectionAndClaims(SectionDocument section) {
        return Stream.of(
                Stream.of(section(section.id())),
                section.claims().stream().map(ClaimDocument::id).flatMap(Touch::claimAspects),
                section.subsections().stream().flatMap(Touch::sectionAndClaims)
        ).flatMap(s -> s);
    }
}
