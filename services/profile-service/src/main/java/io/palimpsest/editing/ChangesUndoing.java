package io.palimpsest.editing;

import io.palimpsest.model.ProfileCommand.UndoChanges.Undo;
import io.palimpsest.model.api.EditResult;
import io.palimpsest.model.api.UndoResult;
import io.palimpsest.model.api.UndoResult.NotUndone;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * The decision of a batch undo ({@code UndoChanges}): which of the changes named are taken back, which are left for a
 * person, which are skipped. Newest first, each change on its own: one that no longer stands (rejected or undone
 * already, taken back by a revert, a review) is skipped; one the reviewer may not take back (their own, or older than
 * the review window) is left; the others are tried on a copy of the profile as the batch has left it so far, and
 * taken back only when every edit of their undo applies there — so a change is never taken back in part, and a later
 * edit that blocks one change does not stop the others.
 */
final class ChangesUndoing {

    private final List<Long> undone = new ArrayList<>();
    private final List<NotUndone> left = new ArrayList<>();
    private final List<NotUndone> skipped = new ArrayList<>();
    private final List<String> created = new ArrayList<>();

    private ChangesUndoing() {
    }

    /**
     * What the profile remembers of reviews: the editor of each change awaiting review, the verdict on each reviewed
     * one, the reverts, within the review window; and its current revision.
     */
    record Reviews(NavigableMap<Long, String> unreviewed, Map<Long, String> reviewed, NavigableMap<Long, Long> reverts,
                   long revision) {

        /** Why the change of revision {@code r} stands no more, or null when it does. */
        String notStanding(long r) {
            if (r < 1 || r > revision) {
                return "The profile has no revision " + r;
            }
            String verdict = reviewed.get(r);
            if (verdict != null && !verdict.startsWith(Profile.APPROVED_BY)) {
                return "It was already " + verdict;
            }
            Long revert = revertOver(r);
            if (revert != null) {
                return "The revert of revision " + revert + " to revision " + reverts.get(revert) + " took it back";
            }
            if (verdict == null && !unreviewed.containsKey(r) && r > revision - Profile.REVIEW_WINDOW) {
                return "It changed no content: it is a review, or about a suggestion";
            }
            return null;
        }

        /**
         * The revert that took the change of {@code r} back, or null. The latest revert after it went back to before
         * it; or went back to a revision after it, and then it depends on the reverts before that revision.
         */
        private Long revertOver(long r) {
            long at = revision;
            while (true) {
                Map.Entry<Long, Long> latest = reverts.subMap(r, false, at, true).lastEntry();
                if (latest == null) {
                    return null;
                }
                if (latest.getValue() < r) {
                    return latest.getKey();
                }
                at = latest.getValue();
            }
        }

        /** Why {@code reviewer} may not take back the standing change of revision {@code r}, or null. */
        String notForReviewer(long r, String reviewer) {
            if (reviewed.containsKey(r)) {
                return null;
            }
            String author = unreviewed.get(r);
            if (author == null) {
                return "It is more than " + Profile.REVIEW_WINDOW + " revisions old: take it back by hand";
            }
            if (author.equals(reviewer)) {
                return "It is your own change: another reviewer must take it back";
            }
            return null;
        }
    }

    /** The verdict a batch undo leaves on each change it took back, as a second review of it is told. */
    static String verdict(String reviewer, long revision) {
        return "undone by " + reviewer + " in revision " + revision;
    }

    /**
     * Decides the changes on {@code profile}, in its batch: each one clean on a copy is taken back on {@code profile}
     * itself (the aggregate, or for a dry run a copy of it).
     */
    static ChangesUndoing decide(Profile profile, List<Undo> changes, String reviewer, Reviews reviews) {
        ChangesUndoing decided = new ChangesUndoing();
        Set<Long> named = new HashSet<>();
        changes.forEach(change -> {
            if (!named.add(change.changeRevision())) {
                throw ProfileRejection.invalid("Revision " + change.changeRevision() + " is named twice");
            }
        });
        changes.stream().sorted(Comparator.comparingLong(Undo::changeRevision).reversed())
                .forEach(change -> decided.decide(profile, change, reviewer, reviews));
        return decided;
    }

    private void decide(Profile profile, Undo change, String reviewer, Reviews reviews) {
        long r = change.changeRevision();
        String notStanding = reviews.notStanding(r);
        if (notStanding != null) {
            skipped.add(NotUndone.because(r, notStanding));
            return;
        }
        String notForReviewer = reviews.notForReviewer(r, reviewer);
        if (notForReviewer != null) {
            left.add(NotUndone.because(r, notForReviewer));
            return;
        }
        Profile trial = profile.trialCopy();
        try {
            trial.undo(change, reviewer);
        } catch (ProfileRejection refused) {
            left.add(blocked(r, refused));
            return;
        }
        if (trial.content().equals(profile.content())) {
            skipped.add(NotUndone.because(r, "Taking it back changes nothing: it was taken back already"));
            return;
        }
        try {
            created.addAll(profile.undo(change, reviewer));
        } catch (ProfileRejection refused) {
            // The same edits on the same profile applied on the copy: an unchecked failure rolls the events back.
            throw new IllegalStateException("The undo of revision " + r + " applied on a copy but not for real",
                    refused);
        }
        undone.add(r);
    }

    /** A change left because its undo was refused: why, and what a conflict names (who changed what since, when). */
    private static NotUndone blocked(long r, ProfileRejection refused) {
        Map<String, Object> details = refused.details();
        Object at = details.get("currentRevision");
        return new NotUndone(r, refused.getMessage(), at instanceof Number n ? n.longValue() : null,
                (String) details.get("changedBy"), (String) details.get("claimId"),
                (String) details.get("currentText"));
    }

    /** A retried batch undo: the first attempt's revision and what it took back, which the profile remembers. */
    static UndoResult retried(EditResult earlier, List<Undo> changes, LongPredicate undoneThen) {
        List<Long> undone = changes.stream().map(Undo::changeRevision).filter(undoneThen::test)
                .sorted(Comparator.reverseOrder()).toList();
        return new UndoResult(earlier.profileId(), earlier.revision(), undone, List.of(), List.of(),
                earlier.createdIds());
    }

    List<Long> undone() {
        return undone;
    }

    UndoResult result(String profileId, long revision) {
        return new UndoResult(profileId, revision, undone, left, skipped, created);
    }
}
