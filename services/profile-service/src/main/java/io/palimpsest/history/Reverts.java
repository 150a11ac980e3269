package io.palimpsest.history;

import io.palimpsest.editing.ProfileCommands;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.ProfileCommand;
import io.palimpsest.model.ProfileCommand.*;
import io.palimpsest.model.api.ClaimView;
import io.palimpsest.model.api.EditResult;
import io.palimpsest.model.api.ProfileView;
import io.palimpsest.model.api.SectionView;
import org.springframework.stereotype.Service;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Brings a profile, or one claim, back to an earlier revision by sending new edits as the reverting
 * editor, so history stays whole. The old and current states are folded from the event store, not
 * from a projection that may lag; the edits carry the current revision as their base, so an edit
 * made in between is a conflict, not a silent loss.
 */
@Service
class Reverts {

    private final SheetFolder folder;
    private final ProfileCommands commands;

    Reverts(SheetFolder folder, ProfileCommands commands) {
        this.folder = folder;
        this.commands = commands;
    }

    EditResult revertProfile(String profileId, long toRevision, String summary, String commandId, Principal editor) {
        SheetFolder.Folded old = folder.atRevision(profileId, toRevision);
        long head = current(profileId).revision();
        String why = summary != null ? summary : "Revert to revision " + toRevision;
        return commands.send(new RevertProfile(profileId, new EditNote(head, why, commandId), toRevision,
                old.sheet().toDocument()), editor);
    }

    /** The edits that give the claim its text, place, citations and presence of {@code toRevision}. */
    EditResult revertClaim(String profileId, String claimId, long toRevision, String summary, Principal editor) {
        ProfileView then = folder.atRevision(profileId, toRevision).sheet().toView();
        ProfileView now = current(profileId);
        String why = summary != null ? summary : "Revert claim " + claimId + " to revision " + toRevision;
        Optional<Placed> was = find(then, claimId);
        Optional<Placed> is = find(now, claimId);
        if (was.isEmpty() && is.isEmpty()) {
            throw new NotInHistory("Claim '" + claimId + "' is in neither revision " + toRevision
                    + " nor the current one of profile '" + profileId + "'");
        }
        // Each edit is based on the revision the one before it produced.
        List<Function<EditNote, ProfileCommand>> edits = new ArrayList<>();
        if (was.isEmpty()) {
            edits.add(note -> new RetractClaim(profileId, note, claimId));
        } else {
            Placed old = was.get();
            ClaimView claim = old.claim();
            if (is.isEmpty()) {
                edits.add(note -> new RestoreClaim(profileId, note, claimId));
            }
            ClaimView current = is.map(Placed::claim).orElse(null);
            if (current == null || !Objects.equals(current.text(), claim.text())
                    || !Objects.equals(current.label(), claim.label()) || !current.items().equals(claim.items())) {
                edits.add(note -> new ReviseClaim(profileId, note, claimId, claim.text(), claim.label(),
                        claim.items()));
            }
            if (is.isEmpty() || !is.get().sectionId().equals(old.sectionId()) || is.get().position() != old.position()) {
                int position = Math.min(old.position(), othersIn(now, old.sectionId(), claimId));
                edits.add(note -> new MoveClaim(profileId, note, claimId, old.sectionId(), position));
            }
            List<String> currentCitations = current == null ? List.of() : current.citations();
            claim.citations().stream().filter(s -> !currentCitations.contains(s)).forEach(source ->
                    edits.add(note -> new CiteSource(profileId, note, claimId, source)));
            currentCitations.stream().filter(s -> !claim.citations().contains(s)).forEach(source ->
                    edits.add(note -> new UnciteSource(profileId, note, claimId, source)));
        }
        EditResult result = EditResult.at(profileId, now.revision());
        for (Function<EditNote, ProfileCommand> edit : edits) {
            result = commands.send(edit.apply(new EditNote(result.revision(), why, null)), editor);
        }
        return result;
    }

    private ProfileView current(String profileId) {
        ProfileView view = folder.atRevision(profileId, Long.MAX_VALUE).sheet().toView();
        if (view.revision() == 0) {
            throw new NotInHistory("No profile '" + profileId + "'");
        }
        return view;
    }

    private record Placed(ClaimView claim, String sectionId, int position) {
    }

    private static Optional<Placed> find(ProfileView view, String claimId) {
        return view.sections().stream().flatMap(top -> Stream.concat(Stream.of(top), top.subsections().stream()))
                .flatMap(section -> placed(section).stream()).filter(p -> p.claim().id().equals(claimId)).findFirst();
    }

    /** How many live claims other than {@code claimId} the section holds: the last position it can take. */
    private static int othersIn(ProfileView view, String sectionId, String claimId) {
        return (int) view.sections().stream().flatMap(top -> Stream.concat(Stream.of(top), top.subsections().stream()))
                .filter(section -> section.id().equals(sectionId)).flatMap(section -> section.claims().stream())
                .filter(claim -> !claim.id().equals(claimId)).count();
    }

    private static List<Placed> placed(SectionView section) {
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < section.claims().size(); i++) {
            placed.add(new Placed(section.claims().get(i), section.id(), i));
        }
        return placed;
    }
}
