package io.palimpsest.review;

import io.palimpsest.common.Ids;
import io.palimpsest.editing.ProfileCommands;
import io.palimpsest.history.ChangeUndo;
import io.palimpsest.model.ProfileCommand.ApproveChange;
import io.palimpsest.model.ProfileCommand.RejectChange;
import io.palimpsest.model.api.EditResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/**
 * A reviewer's verdict on one change (one revision of a profile): approve it, or reject it, which reverts exactly
 * that change. Either is a new revision of the profile, by the reviewer, in its history.
 */
@RestController
@RequestMapping("/api/profiles/{profileId}/revisions/{revision}")
class ReviewController {

    private final ProfileCommands commands;
    private final ChangeUndo undo;

    ReviewController(ProfileCommands commands, ChangeUndo undo) {
        this.commands = commands;
        this.undo = undo;
    }

    @PostMapping("/approval")
    EditResult approve(@PathVariable String profileId, @PathVariable long revision,
                       @RequestBody(required = false) Verdict verdict, Principal reviewer) {
        Verdict given = Verdict.orNone(verdict);
        return commands.send(new ApproveChange(Ids.profile(profileId), given.note("Approved revision " + revision
                + (given.reason() == null ? "" : ": " + given.reason())), revision), reviewer);
    }

    @PostMapping("/rejection")
    EditResult reject(@PathVariable String profileId, @PathVariable long revision, @RequestBody Verdict verdict,
                      Principal reviewer) {
        String id = Ids.profile(profileId);
        String reason = Ids.required(verdict.reason(), "reason");
        if (reason.isBlank()) {
            throw new Ids.BadRequest("'reason' must say why the change is rejected");
        }
        return commands.send(new RejectChange(id, verdict.note("Rejected revision " + revision + ": " + reason),
                revision, reason, undo.of(id, revision)), reviewer);
    }
}
