package io.palimpsest.model;

import java.util.List;

/**
 * Every edit of a profile. Each command names the profile it edits, the profile revision the editor
 * last saw ({@code baseRevision}; {@code null} means "whatever is current"), an optional edit summary
 * and an optional client-chosen {@code commandId} that makes a retry idempotent.
 * <p>
 * The editor is deliberately absent: it is always the authenticated principal, carried as metadata.
 */
public sealed interface ProfileCommand {

    String profileId();

    Long baseRevision();

    String summary();

    String commandId();

    record CreateProfile(String profileId, Identity identity, String summary, String commandId)
            implements ProfileCommand {
        public Long baseRevision() {
            return null;
        }
    }

    record ImportProfile(String profileId, ProfileDocument document, String summary, String commandId)
            implements ProfileCommand {
        public Long baseRevision() {
            return null;
        }
    }

    record SetFact(String profileId, Long baseRevision, String key, String value, String summary, String commandId)
            implements ProfileCommand {
    }

    record RemoveFact(String profileId, Long baseRevision, String key, String summary, String commandId)
            implements ProfileCommand {
    }

    /** Adds a section at {@code position} (0-based; {@code null} appends) under an optional parent. */
    record AddSection(String profileId, Long baseRevision, String sectionId, String title, String parentSectionId,
                      Integer position, String summary, String commandId) implements ProfileCommand {
    }

    record RenameSection(String profileId, Long baseRevision, String sectionId, String title, String summary,
                         String commandId) implements ProfileCommand {
    }

    /** Moves a section to {@code position} among its siblings. */
    record MoveSection(String profileId, Long baseRevision, String sectionId, int position, String summary,
                       String commandId) implements ProfileCommand {
    }

    record RemoveSection(String profileId, Long baseRevision, String sectionId, String summary, String commandId)
            implements ProfileCommand {
    }

    record AddClaim(String profileId, Long baseRevision, String sectionId, String claimId, ClaimKind kind,
                    String label, String text, List<ClaimItem> items, List<String> citations, String url,
                    Integer position, String summary, String commandId) implements ProfileCommand {
    }

    /** Revises a claim's text; {@code label} and {@code items} stay as they are when {@code null}. */
    record ReviseClaim(String profileId, Long baseRevision, String claimId, String text, String label,
                       List<ClaimItem> items, String summary, String commandId) implements ProfileCommand {
    }

    /** Moves a claim to {@code position} in {@code sectionId} (its own section when {@code null}). */
    record MoveClaim(String profileId, Long baseRevision, String claimId, String sectionId, int position,
                     String summary, String commandId) implements ProfileCommand {
    }

    record RetractClaim(String profileId, Long baseRevision, String claimId, String summary, String commandId)
            implements ProfileCommand {
    }

    record RestoreClaim(String profileId, Long baseRevision, String claimId, String summary, String commandId)
            implements ProfileCommand {
    }

    record CiteSource(String profileId, Long baseRevision, String claimId, String sourceId, String summary,
                      String commandId) implements ProfileCommand {
    }

    record UnciteSource(String profileId, Long baseRevision, String claimId, String sourceId, String summary,
                        String commandId) implements ProfileCommand {
    }

    record AddSource(String profileId, Long baseRevision, String title, String url, String site, String summary,
                     String commandId) implements ProfileCommand {
    }

    record EditSource(String profileId, Long baseRevision, String sourceId, String title, String url, String site,
                      String summary, String commandId) implements ProfileCommand {
    }

    record RemoveSource(String profileId, Long baseRevision, String sourceId, String summary, String commandId)
            implements ProfileCommand {
    }

    record AddConnection(String profileId, Long baseRevision, String connectionId, String target, String relation,
                         String via, String summary, String commandId) implements ProfileCommand {
    }

    record RemoveConnection(String profileId, Long baseRevision, String connectionId, String summary,
                            String commandId) implements ProfileCommand {
    }

    /**
     * Brings the whole profile back to its content at {@code toRevision}, as one new revision. The
     * {@code document} is that content, as history folded it; {@code baseRevision} is the revision it
     * was computed against, and the revert is refused if the profile changed since.
     */
    record RevertProfile(String profileId, Long baseRevision, long toRevision, ProfileDocument document,
                         String summary, String commandId) implements ProfileCommand {
    }
}
