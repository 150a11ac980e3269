package io.palimpsest.history;

import io.palimpsest.common.Ids;
import io.palimpsest.model.api.EditResult;
import io.palimpsest.model.api.ProfileView;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;
import java.util.regex.Pattern;

/** History, blame, audit, time travel, diff, timeslider and revert of profiles. */
@RestController
@RequestMapping("/api")
class HistoryController {

    private static final int MAX_PAGE_SIZE = 200;
    /** A signed number is a revision, so that {@code at=-1} is told what a revision is, not what an instant is. */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d+");

    private final HistoryQueries queries;
    private final Reverts reverts;

    HistoryController(HistoryQueries queries, Reverts reverts) {
        this.queries = queries;
        this.reverts = reverts;
    }

    @GetMapping("/profiles/{profileId}/history")
    HistoryQueries.Page<HistoryEntry> history(@PathVariable String profileId,
                                              @RequestParam(required = false) String claim,
                                              @RequestParam(required = false) String section,
                                              @RequestParam(required = false) String editor,
                                              @RequestParam(required = false) String from,
                                              @RequestParam(required = false) String to,
                                              @RequestParam(defaultValue = "0") int page,
                                              @RequestParam(defaultValue = "20") int size,
                                              @RequestParam(required = false) Long minRevision) {
        return queries.history(Ids.profile(profileId), Ids.minRevision(minRevision), new HistoryQueries.Filter(
                Ids.optionalElement(claim, "claim id"), Ids.optionalElement(section, "section id"),
                optionalEditor(editor),
                Ids.instant(from, "from"), Ids.instant(to, "to")), page(page), size(size));
    }

    @GetMapping("/profiles/{profileId}/claims/{claimId}/history")
    List<HistoryQueries.ClaimStep> claimHistory(@PathVariable String profileId, @PathVariable String claimId,
                                                @RequestParam(required = false) Long minRevision) {
        return queries.claimHistory(Ids.profile(profileId), Ids.minRevision(minRevision), Ids.element(claimId, "claim id"));
    }

    @GetMapping("/profiles/{profileId}/blame")
    HistoryQueries.BlameView blame(@PathVariable String profileId, @RequestParam(required = false) Long minRevision) {
        return queries.blame(Ids.profile(profileId), Ids.minRevision(minRevision));
    }

    @GetMapping("/profiles/{profileId}/claims/{claimId}/blame")
    Blame.Line claimBlame(@PathVariable String profileId, @PathVariable String claimId,
                          @RequestParam(required = false) Long minRevision) {
        return queries.claimBlame(Ids.profile(profileId), Ids.minRevision(minRevision),
                Ids.element(claimId, "claim id"));
    }

    @GetMapping("/audit")
    HistoryQueries.AuditPage audit(@RequestParam(required = false) String editor,
                                   @RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "50") int size) {
        return queries.audit(Ids.required(editor, "editor"), Ids.instant(from, "from"), Ids.instant(to, "to"), page(page),
                size(size));
    }

    /** The profile as it stood at a revision ({@code at=12}) or an instant ({@code at=2026-03-01T00:00:00Z}). */
    // Produces JSON as the current profile's mapping does: a client accepting neither is told 406, not "bad parameters".
    @GetMapping(value = "/profiles/{profileId}", params = "at", produces = MediaType.APPLICATION_JSON_VALUE)
    ProfileView at(@PathVariable String profileId, @RequestParam String at) {
        String id = Ids.profile(profileId);
        return WHOLE_NUMBER.matcher(at).matches()
                ? queries.at(id, revision(at, "at")) : queries.at(id, Ids.instant(at, "at"));
    }

    @GetMapping("/profiles/{profileId}/diff")
    ProfileDiff diff(@PathVariable String profileId, @RequestParam(required = false) Long from,
                     @RequestParam(required = false) Long to) {
        return queries.diff(Ids.profile(profileId), Ids.required(from, "from"), Ids.required(to, "to"));
    }

    @GetMapping("/profiles/{profileId}/revisions/{revision}")
    HistoryQueries.Step revision(@PathVariable String profileId, @PathVariable long revision) {
        return queries.step(Ids.profile(profileId), revision);
    }

    @PostMapping("/profiles/{profileId}/revert")
    EditResult revert(@PathVariable String profileId, @RequestBody RevertRequest request, Principal editor) {
        String id = Ids.profile(profileId);
        long toRevision = Ids.required(request.toRevision(), "toRevision");
        if (toRevision < 1) {
            throw new Ids.BadRequest("'toRevision' must be 1 or more");
        }
        return request.claimId() == null
                ? reverts.revertProfile(id, toRevision, request.summary(), request.commandId(), editor)
                : reverts.revertClaim(id, Ids.element(request.claimId(), "claim id"), toRevision, request.summary(),
                editor);
    }

    private static String optionalEditor(String editor) {
        if (editor != null && editor.isBlank()) {
            throw new Ids.BadRequest("'editor' must name an editor, not be empty");
        }
        return editor;
    }


    private static long revision(String value, String parameter) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new Ids.BadRequest("'" + parameter + "' is not a revision: '" + value + "'");
        }
    }

    private static int page(int page) {
        if (page < 0) {
            throw new Ids.BadRequest("'page' must be 0 or more");
        }
        return page;
    }

    private static int size(int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new Ids.BadRequest("'size' must be 1 to " + MAX_PAGE_SIZE);
        }
        return size;
    }
}
