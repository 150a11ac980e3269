package io.palimpsest.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.palimpsest.common.Ids;
import io.palimpsest.editing.ProfileCommands;
import io.palimpsest.history.ChangeUndo;
import io.palimpsest.history.EditorChanges;
import io.palimpsest.history.NotUndoable;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.ProfileCommand.UndoChanges;
import io.palimpsest.model.api.UndoResult;
import io.palimpsest.model.api.UndoResult.NotUndone;
import org.springframework.stereotype.Service;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Batch undo: finds the changes asked for — an editor's in a span of time, from the audit, or an import's —
 * computes the undo of each from history, and sends one {@link UndoChanges} per profile, whose aggregate decides
 * which it takes back, which it leaves for a person and which no longer stand. Reviews are no changes and are not
 * asked for; changes already rejected or undone are, so the profile names them as skipped and a retry with the same
 * command id names every change the first attempt took back.
 */
@Service
class BatchUndos {

    private final EditorChanges editorChanges;
    private final ReviewStore reviews;
    private final ChangeUndo undo;
    private final ProfileCommands commands;

    BatchUndos(EditorChanges editorChanges, ReviewStore reviews, ChangeUndo undo, ProfileCommands commands) {
        this.editorChanges = editorChanges;
        this.reviews = reviews;
        this.undo = undo;
        this.commands = commands;
    }

    /** What was (a dry run: would be) done, profile by profile, in the order of their ids. */
    record Answer(boolean dryRun, List<ProfileUndo> profiles) {
    }

    /** One profile's undo: the revision it made (or the current one), and its changes by what became of them. */
    record ProfileUndo(String profileId, long revision, List<Change> undone, List<Change> left, List<Change> skipped,
                       List<String> createdIds) {
    }

    /** A change: when it was made and its summary, and for one not taken back, why (as {@link NotUndone} says). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Change(long revision, Instant time, String summary, String reason, Long currentRevision, String changedBy,
                  String claimId, String currentText) {

        static Change of(Made made) {
            return new Change(made.revision(), made.time(), made.summary(), null, null, null, null, null);
        }

        static Change of(Made made, NotUndone why) {
            return new Change(why.revision(), made.time(), made.summary(), why.reason(), why.currentRevision(),
                    why.changedBy(), why.claimId(), why.currentText());
        }
    }

    /** A change asked for: its revision, when it was made and its summary (as review knows them; null if not yet). */
    private record Made(long revision, Instant time, String summary) {
    }

    Answer undo(BatchUndoRequest request, boolean dryRun, Principal reviewer) {
        String reason = Ids.required(request.reason(), "reason");
        if (request.editor() == null && request.imported() == null) {
            throw new Ids.BadRequest("Name whose changes to undo: an 'editor' (with 'since'), or an 'import'");
        }
        Map<String, List<Made>> asked = request.imported() != null ? importOf(request) : editorsChanges(request,
                reviewer);
        String summary = request.summary() != null ? request.summary() : "Batch undo of "
                + (request.imported() != null ? "the import" : request.editor() + "'s changes") + ": " + reason;
        List<ProfileUndo> profiles = new ArrayList<>();
        EditNote note = EditNote.unbased(summary, request.commandId());
        asked.forEach((profileId, changes) -> profiles.add(undo(profileId, changes, request.imported() != null, note,
                reason, dryRun, reviewer)));
        return new Answer(dryRun, profiles);
    }

    /** The import that made the profile: its first revision. */
    private Map<String, List<Made>> importOf(BatchUndoRequest request) {
        if (request.editor() != null || request.since() != null || request.until() != null) {
            throw new Ids.BadRequest("Name either an 'editor' (with 'since' and 'until') or an 'import', not both");
        }
        String profileId = Ids.profile(request.imported());
        return Map.of(profileId, made(profileId, List.of(1L)));
    }

    /** The editor's changes in the span, by profile, newest first; reviews (which are no changes) left out. */
    private Map<String, List<Made>> editorsChanges(BatchUndoRequest request, Principal reviewer) {
        String editor = Ids.required(request.editor(), "editor");
        if (editor.equals(reviewer.getName())) {
            throw new OwnChanges("Nobody reviews their own changes: another reviewer must undo " + editor + "'s");
        }
        Instant since = Ids.required(Ids.instant(request.since(), "since"), "since");
        Instant until = request.until() == null ? Instant.now() : Ids.instant(request.until(), "until");
        Map<String, List<Long>> revisions = new TreeMap<>();
        editorChanges.between(editor, since, until).forEach(change ->
                revisions.computeIfAbsent(change.profileId(), p -> new ArrayList<>()).add(change.revision()));
        Map<String, List<Made>> asked = new TreeMap<>();
        revisions.forEach((profileId, changes) -> {
            List<Made> made = made(profileId, changes);
            if (!made.isEmpty()) {
                asked.put(profileId, made);
            }
        });
        return asked;
    }

    /** The revisions with what review knows of them, reviews left out. */
    private List<Made> made(String profileId, List<Long> revisions) {
        Map<Long, ReviewedChange> known = new HashMap<>();
        reviews.changes(revisions.stream().map(r -> ReviewedChange.id(profileId, r)).toList())
                .forEach(change -> known.put(change.revision(), change));
        List<Made> made = new ArrayList<>();
        for (long r : revisions) {
            ReviewedChange change = known.get(r);
            if (change == null) {
                made.add(new Made(r, null, null));
            } else if (change.state() != ReviewedChange.State.REVIEW) {
                made.add(new Made(r, change.time(), change.summary()));
            }
        }
        return made;
    }

    /**
     * Sends the profile's undo and says what became of each change. A creation cannot be taken back by edits: an
     * editor's is left for a person; a profile named as an import that was created instead is a refusal (422).
     */
    private ProfileUndo undo(String profileId, List<Made> changes, boolean importing, EditNote note, String reason,
                             boolean dryRun, Principal reviewer) {
        Map<Long, Made> byRevision = new HashMap<>();
        List<UndoChanges.Undo> undos = new ArrayList<>();
        List<NotUndone> notUndoable = new ArrayList<>();
        for (Made made : changes) {
            byRevision.put(made.revision(), made);
            try {
                undos.add(undo.forBatch(profileId, made.revision()));
            } catch (NotUndoable creation) {
                if (importing) {
                    throw creation;
                }
                notUndoable.add(NotUndone.because(made.revision(), creation.getMessage()));
            }
        }
        UndoResult result = commands.undo(new UndoChanges(profileId, note, reason, undos, dryRun), reviewer);
        List<Change> left = new ArrayList<>(result.left().stream()
                .map(why -> Change.of(byRevision.get(why.revision()), why)).toList());
        notUndoable.forEach(why -> left.add(Change.of(byRevision.get(why.revision()), why)));
        return new ProfileUndo(profileId, result.revision(),
                result.undone().stream().map(r -> Change.of(byRevision.get(r))).toList(),
                left, result.skipped().stream().map(why -> Change.of(byRevision.get(why.revision()), why)).toList(),
                result.createdIds());
    }
}
