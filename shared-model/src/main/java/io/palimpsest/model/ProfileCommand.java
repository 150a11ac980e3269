package io.palimpsest.model;

import java.util.List;
import java.util.Map;

/**
 * Every edit of a profile. Each command names the profile it edits and carries an {@link EditNote}: the revision the
 * editor last saw, an optional edit summary and an optional client-chosen command id that makes a retry idempotent.
 * <p>
 * The editor is deliberately absent: it is always the authenticated principal, carried as metadata.
 */
public sealed interface ProfileCommand {

    String profileId();

    EditNote note();

    record CreateProfile(String profileId, EditNote note, Identity identity) implements ProfileCommand {
    }

    record ImportProfile(String profileId, EditNote note, ProfileDocument document) implements ProfileCommand {
    }

    /** Replaces who the profile is about: its name (required), short name, category and tagline. */
    record ReviseIdentity(String profileId, EditNote note, Identity identity) implements ProfileCommand {
    }

    record SetFact(String profileId, EditNote note, String key, String value) implements ProfileCommand {
    }

    record RemoveFact(String profileId, EditNote note, String key) implements ProfileCommand {
    }

    /** Adds a section at {@code position} (0-based; {@code null} appends) under an optional parent. */
    record AddSection(String profileId, EditNote note, String sectionId, String title, String parentSectionId,
                      Integer position) implements ProfileCommand {
    }

    record RenameSection(String profileId, EditNote note, String sectionId, String title) implements ProfileCommand {
    }

    /** Moves a section to {@code position} among its siblings. */
    record MoveSection(String profileId, EditNote note, String sectionId, int position) implements ProfileCommand {
    }

    record RemoveSection(String profileId, EditNote note, String sectionId) implements ProfileCommand {
    }

    /** Adds a claim at {@code position} (0-based; {@code null} appends); {@code claimId} null lets the profile name it. */
    record AddClaim(String profileId, EditNote note, String sectionId, String claimId, ClaimKind kind, String label,
                    String text, List<ClaimItem> items, List<String> citations, String url, Integer position)
            implements ProfileCommand {
    }

    /** Revises a claim's text; {@code label} and {@code items} stay as they are when {@code null}. */
    record ReviseClaim(String profileId, EditNote note, String claimId, String text, String label,
                       List<ClaimItem> items) implements ProfileCommand {
    }

    /** Moves a claim to {@code position} in {@code sectionId} (its own section when {@code null}). */
    record MoveClaim(String profileId, EditNote note, String claimId, String sectionId, int position)
            implements ProfileCommand {
    }

    record RetractClaim(String profileId, EditNote note, String claimId) implements ProfileCommand {
    }

    record RestoreClaim(String profileId, EditNote note, String claimId) implements ProfileCommand {
    }

    record CiteSource(String profileId, EditNote note, String claimId, String sourceId) implements ProfileCommand {
    }

    record UnciteSource(String profileId, EditNote note, String claimId, String sourceId) implements ProfileCommand {
    }

    record AddSource(String profileId, EditNote note, String title, String url, String site)
            implements ProfileCommand {
    }

    record EditSource(String profileId, EditNote note, String sourceId, String title, String url, String site)
            implements ProfileCommand {
    }

    record RemoveSource(String profileId, EditNote note, String sourceId) implements ProfileCommand {
    }

    record AddConnection(String profileId, EditNote note, String connectionId, String target, String relation,
                         String via) implements ProfileCommand {
    }

    record RemoveConnection(String profileId, EditNote note, String connectionId) implements ProfileCommand {
    }

    /**
     * Several edits of the profile, applied all-or-nothing as one revision with this note's summary and command id.
     * Each part is decided in order, as if it were sent alone against the profile as the parts before it left it;
     * a part without a base revision of its own is based on the note's. Parts are never creations or batches.
     */
    record ApplyChanges(String profileId, EditNote note, List<ProfileCommand> parts) implements ProfileCommand {
    }

    /** A reviewer approves the change that made {@code changeRevision}: it stays, marked as reviewed. */
    record ApproveChange(String profileId, EditNote note, long changeRevision) implements ProfileCommand {
    }

    /**
     * A reviewer rejects the change that made {@code changeRevision}, for {@code reason}, and reverts exactly that
     * change: {@code undo} are the edits that take back what it did, each based on {@code changeRevision}, so a later
     * edit of what it changed is merged where it can be or refuses the rejection. History computes them from the
     * change's events, as it computes a revert's document.
     */
    record RejectChange(String profileId, EditNote note, long changeRevision, String reason,
                        List<ProfileCommand> undo) implements ProfileCommand {
    }

    /**
     * Brings the whole profile back to its content at {@code toRevision}, as one new revision. The
     * {@code document} is that content, as history folded it; the note's base revision is the revision it
     * was computed against, and the revert is refused if the profile changed since.
     */
    record RevertProfile(String profileId, EditNote note, long toRevision, ProfileDocument document)
            implements ProfileCommand {
    }

    /**
     * A reviewer takes back several changes of the profile at once, for {@code reason}, in one revision (a batch
     * undo). Each of {@code changes} names a change and the edits that take it back, each based on the change's
     * revision, as a rejection's are. The changes are decided newest first, each on its own: one whose edits all
     * apply is taken back, one the profile would refuse (a later edit overlaps it) is left as it is, for a person,
     * and one that no longer stands (rejected, undone or reverted already) is skipped; the answer says which and
     * why. {@code dryRun}: decide and answer the same, and apply nothing.
     */
    record UndoChanges(String profileId, EditNote note, String reason, List<Undo> changes, boolean dryRun)
            implements ProfileCommand {

        /**
         * One change to take back: its revision, the edits that do, and {@code before}: for each aspect of the
         * profile it changed, by the key the profile keeps that aspect's last change under, the change of it before
         * this one (none: the change made the aspect). Once a later change of the same aspect is taken back in the
         * batch, the aspect counts as last changed by this earlier one, not by the one taken back, so a series of
         * one editor's changes to one fact or place can be undone, newest first, while another editor's change in
         * between still blocks.
         */
        public record Undo(long changeRevision, List<ProfileCommand> edits, Map<String, Earlier> before) {
            public Undo {
                edits = List.copyOf(edits);
                before = Map.copyOf(before);
            }
        }

        /** The revision and editor of an aspect's change. */
        public record Earlier(long revision, String editor) {
        }
    }

    /** A reviewer puts the profile in suggestion mode ({@code on}) or takes it out of it. */
    record SwitchSuggestionMode(String profileId, EditNote note, boolean on) implements ProfileCommand {
    }

    /**
     * A reviewer accepts an open suggestion: its edit is decided as the suggester's, against the revision they saw (so
     * a claim that moved on since is merged three ways, or the acceptance is refused where the merge overlaps), and
     * applied as one revision with the acceptance.
     */
    record AcceptSuggestion(String profileId, EditNote note, String suggestionId) implements ProfileCommand {
    }

    /** A reviewer declines an open suggestion, for {@code reason}. */
    record DeclineSuggestion(String profileId, EditNote note, String suggestionId, String reason)
            implements ProfileCommand {
    }

    /** The suggester withdraws their open suggestion. */
    record WithdrawSuggestion(String profileId, EditNote note, String suggestionId) implements ProfileCommand {
    }

    /** The suggester replaces their open suggestion's edit with {@code edit}, an edit of the same profile. */
    record AmendSuggestion(String profileId, EditNote note, String suggestionId, ProfileCommand edit)
            implements ProfileCommand {
    }
}
