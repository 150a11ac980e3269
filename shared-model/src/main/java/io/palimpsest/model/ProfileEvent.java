package io.palimpsest.model;

import java.util.List;

/**
 * Everything that can happen to a profile. Each event carries the profile revision it belongs to:
 * one applied command is one revision, however many events it produced. Editor, edit summary,
 * command id and correlation id travel as event metadata.
 * <p>
 * Class names are part of the stored data: rename an event only together with an upcaster.
 */
public sealed interface ProfileEvent {

    String profileId();

    long revision();

    record ProfileCreated(String profileId, long revision, Identity identity) implements ProfileEvent {
    }

    record ProfileImported(String profileId, long revision, ProfileDocument document) implements ProfileEvent {
    }

    record IdentityRevised(String profileId, long revision, Identity identity) implements ProfileEvent {
    }

    record FactSet(String profileId, long revision, String key, String value) implements ProfileEvent {
    }

    record FactRemoved(String profileId, long revision, String key) implements ProfileEvent {
    }

    record SectionAdded(String profileId, long revision, String sectionId, String title, String parentSectionId,
                        int position) implements ProfileEvent {
    }

    record SectionRenamed(String profileId, long revision, String sectionId, String title) implements ProfileEvent {
    }

    record SectionMoved(String profileId, long revision, String sectionId, int position) implements ProfileEvent {
    }

    record SectionRemoved(String profileId, long revision, String sectionId) implements ProfileEvent {
    }

    record ClaimAdded(String profileId, long revision, String sectionId, String claimId, ClaimKind kind,
                      String label, String text, List<ClaimItem> items, List<String> citations, String url,
                      int position) implements ProfileEvent {
    }

    /**
     * A claim's new content. {@code merged} says the text is a three-way merge of the editor's change
     * (made against {@code baseRevision}) with changes that landed in between; {@code origin} (revision 2
     * of this event) says where the text came from. Events stored before {@code origin} existed are
     * upcast: a merged one becomes {@link Origin#MERGE}, any other {@link Origin#EDIT}.
     */
    record ClaimRevised(String profileId, long revision, String claimId, String text, String label,
                        List<ClaimItem> items, long baseRevision, boolean merged, Origin origin)
            implements ProfileEvent {

        public enum Origin {
            /** New text written by the editor. */
            EDIT,
            /** A three-way merge of the editor's text with changes made since its base revision. */
            MERGE,
            /** A text the claim already had at an earlier revision, brought back. */
            REVERT
        }

        /** Revision 1 of the event: the origin follows from {@code merged}. */
        public ClaimRevised(String profileId, long revision, String claimId, String text, String label,
                            List<ClaimItem> items, long baseRevision, boolean merged) {
            this(profileId, revision, claimId, text, label, items, baseRevision, merged,
                    merged ? Origin.MERGE : Origin.EDIT);
        }
    }

    record ClaimMoved(String profileId, long revision, String claimId, String sectionId, int position)
            implements ProfileEvent {
    }

    record ClaimRetracted(String profileId, long revision, String claimId) implements ProfileEvent {
    }

    record ClaimRestored(String profileId, long revision, String claimId) implements ProfileEvent {
    }

    record SourceCited(String profileId, long revision, String claimId, String sourceId) implements ProfileEvent {
    }

    record SourceUncited(String profileId, long revision, String claimId, String sourceId) implements ProfileEvent {
    }

    record SourceAdded(String profileId, long revision, Source source) implements ProfileEvent {
    }

    record SourceEdited(String profileId, long revision, Source source) implements ProfileEvent {
    }

    record SourceRemoved(String profileId, long revision, String sourceId) implements ProfileEvent {
    }

    record ConnectionAdded(String profileId, long revision, Connection connection) implements ProfileEvent {
    }

    record ConnectionRemoved(String profileId, long revision, String connectionId) implements ProfileEvent {
    }

    /**
     * The whole profile brought back to what it was at {@code toRevision}: {@code document} is its
     * content then. Later revisions stay in the history; this is a new revision on top of them.
     */
    record ProfileReverted(String profileId, long revision, long toRevision, ProfileDocument document)
            implements ProfileEvent {
    }

    /** A reviewer approved the change that made {@code changeRevision}; the reviewer is this event's editor. */
    record ChangeApproved(String profileId, long revision, long changeRevision) implements ProfileEvent {
    }

    /**
     * A reviewer rejected the change that made {@code changeRevision}, for {@code reason}. The events that revert it
     * follow in the same revision.
     */
    record ChangeRejected(String profileId, long revision, long changeRevision, String reason)
            implements ProfileEvent {
    }

    /**
     * A reviewer took back the changes that made {@code changeRevisions} (newest first), for {@code reason}: a batch
     * undo. The events that take them back come before it in the same revision.
     */
    record ChangesUndone(String profileId, long revision, List<Long> changeRevisions, String reason)
            implements ProfileEvent {
    }

    /**
     * A reviewer put the profile in suggestion mode ({@code on}) or took it out. In suggestion mode an EDITOR's edits
     * are kept as suggestions rather than applied; suggestions made before stay open either way.
     */
    record SuggestionModeSwitched(String profileId, long revision, boolean on) implements ProfileEvent {
    }

    /**
     * An editor's edit, made while the profile was in suggestion mode, kept as a proposal for a reviewer to accept or
     * decline: {@code edit} as they sent it, its note holding the revision they saw and their summary. The suggester
     * is this event's editor.
     */
    record EditSuggested(String profileId, long revision, String suggestionId, ProfileCommand edit)
            implements ProfileEvent {
    }

    /** The suggester replaced their open suggestion's edit with {@code edit}. */
    record SuggestionAmended(String profileId, long revision, String suggestionId, ProfileCommand edit)
            implements ProfileEvent {
    }

    /**
     * A reviewer (this event's editor) accepted the suggestion: the events that apply its edit come before it in the
     * same revision, with the suggester as their editor.
     */
    record SuggestionAccepted(String profileId, long revision, String suggestionId) implements ProfileEvent {
    }

    /** A reviewer declined the suggestion, for {@code reason}; the profile is unchanged. */
    record SuggestionDeclined(String profileId, long revision, String suggestionId, String reason)
            implements ProfileEvent {
    }

    /** The suggester withdrew their suggestion; the profile is unchanged. */
    record SuggestionWithdrawn(String profileId, long revision, String suggestionId) implements ProfileEvent {
    }
}
