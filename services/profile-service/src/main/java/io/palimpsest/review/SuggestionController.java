package io.palimpsest.review;

import io.palimpsest.common.Ids;
import io.palimpsest.editing.EditCalls;
import io.palimpsest.editing.ProfileCommands;
import io.palimpsest.editing.ProfileReading;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.ProfileCommand.AcceptSuggestion;
import io.palimpsest.model.ProfileCommand.AmendSuggestion;
import io.palimpsest.model.ProfileCommand.DeclineSuggestion;
import io.palimpsest.model.ProfileCommand.SwitchSuggestionMode;
import io.palimpsest.model.ProfileCommand.WithdrawSuggestion;
import io.palimpsest.model.api.EditResult;
import io.palimpsest.model.api.SuggestionAmendment;
import io.palimpsest.model.api.SuggestionMode;
import io.palimpsest.model.api.SuggestionView;
import io.palimpsest.model.api.Suggestions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/**
 * Suggestion mode: a reviewer switches it; while it is on, an EDITOR's edits of the profile (through the usual edit
 * calls) are kept as suggestions, listed here for everyone, accepted or declined by a reviewer and withdrawn or amended
 * by their author. Each of these is a revision of the profile, in its history.
 */
@RestController
@RequestMapping("/api/profiles/{profileId}")
class SuggestionController {

    private final ProfileCommands commands;
    private final ProfileReading reading;
    private final EditCalls calls;

    SuggestionController(ProfileCommands commands, ProfileReading reading, EditCalls calls) {
        this.commands = commands;
        this.reading = reading;
        this.calls = calls;
    }

    @PutMapping("/suggestion-mode")
    EditResult switchMode(@PathVariable String profileId, @RequestBody SuggestionMode mode, Principal reviewer) {
        boolean on = Ids.required(mode.on(), "on");
        String summary = mode.summary() != null ? mode.summary()
                : on ? "Suggestion mode on" : "Suggestion mode off";
        return commands.send(new SwitchSuggestionMode(Ids.profile(profileId),
                EditNote.unbased(summary, mode.commandId()), on), reviewer);
    }

    @GetMapping("/suggestions")
    Suggestions suggestions(@PathVariable String profileId, @RequestParam(required = false) Long minRevision) {
        return reading.suggestions(Ids.profile(profileId), Ids.minRevision(minRevision));
    }

    @GetMapping("/suggestions/{suggestionId}")
    SuggestionView suggestion(@PathVariable String profileId, @PathVariable String suggestionId,
                              @RequestParam(required = false) Long minRevision) {
        String id = Ids.element(suggestionId, "suggestion id");
        return suggestions(profileId, minRevision).suggestions().stream()
                .filter(suggestion -> suggestion.id().equals(id)).findFirst()
                .orElseThrow(() -> new UnknownChange("Profile '" + profileId + "' has no open suggestion '" + id
                        + "': it never existed, or it was accepted, declined or withdrawn"));
    }

    @PostMapping("/suggestions/{suggestionId}/acceptance")
    EditResult accept(@PathVariable String profileId, @PathVariable String suggestionId,
                      @RequestBody(required = false) Verdict verdict, Principal reviewer) {
        String id = Ids.element(suggestionId, "suggestion id");
        return commands.send(new AcceptSuggestion(Ids.profile(profileId),
                Verdict.orNone(verdict).note("Accepted suggestion " + id), id), reviewer);
    }

    @PostMapping("/suggestions/{suggestionId}/decline")
    EditResult decline(@PathVariable String profileId, @PathVariable String suggestionId,
                       @RequestBody Verdict verdict, Principal reviewer) {
        String id = Ids.element(suggestionId, "suggestion id");
        String reason = Ids.required(verdict.reason(), "reason");
        return commands.send(new DeclineSuggestion(Ids.profile(profileId),
                verdict.note("Declined suggestion " + id + ": " + reason), id, reason), reviewer);
    }

    @PostMapping("/suggestions/{suggestionId}/withdrawal")
    EditResult withdraw(@PathVariable String profileId, @PathVariable String suggestionId,
                        @RequestBody(required = false) Verdict verdict, Principal author) {
        String id = Ids.element(suggestionId, "suggestion id");
        return commands.send(new WithdrawSuggestion(Ids.profile(profileId),
                Verdict.orNone(verdict).note("Withdrew suggestion " + id), id), author);
    }

    @PutMapping("/suggestions/{suggestionId}")
    EditResult amend(@PathVariable String profileId, @PathVariable String suggestionId,
                     @RequestBody SuggestionAmendment amendment, Principal author) {
        String id = Ids.element(suggestionId, "suggestion id");
        String profile = Ids.profile(profileId);
        return commands.send(new AmendSuggestion(profile, EditNote.unbased("Amended suggestion " + id,
                amendment.commandId()), id, calls.command(profile, Ids.required(amendment.edit(), "edit"))), author);
    }
}
