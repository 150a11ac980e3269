package io.palimpsest.model.api;

import java.util.List;

/**
 * The answer to a batch undo of one profile: the revision it made (a dry run, or an undo that took nothing back,
 * answers the current one); the changes it took back (a dry run: would take back), newest first; those it left as
 * they are for a person, and those it skipped as no longer standing, each with why; and the ids of what the undo
 * created (a removed source comes back under a new id).
 */
public record UndoResult(String profileId, long revision, List<Long> undone, List<NotUndone> left,
                         List<NotUndone> skipped, List<String> createdIds) {

    public UndoResult {
        undone = List.copyOf(undone);
        left = List.copyOf(left);
        skipped = List.copyOf(skipped);
        createdIds = List.copyOf(createdIds);
    }

    /**
     * A change not taken back and why. When a later edit blocks it, as an edit conflict says: the revision and
     * editor of that edit ({@code currentRevision}, {@code changedBy}) and, for a claim, its id and current text.
     */
    public record NotUndone(long revision, String reason, Long currentRevision, String changedBy, String claimId,
                            String currentText) {

        public static NotUndone because(long revision, String reason) {
            return new NotUndone(revision, reason, null, null, null, null);
        }
    }
}
