package io.palimpsest.history;

import io.palimpsest.editing.ProfileSheet;
import io.palimpsest.model.ClaimDocument;
import io.palimpsest.model.Connection;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.Fact;
import io.palimpsest.model.ProfileCommand;
import io.palimpsest.model.ProfileCommand.*;
import io.palimpsest.model.ProfileDocument;
import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.ProfileEvent.*;
import io.palimpsest.model.SectionDocument;
import io.palimpsest.model.Source;
import io.palimpsest.model.api.ClaimView;
import io.palimpsest.model.api.ProfileView;
import io.palimpsest.model.api.SectionView;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The edits that take back exactly one revision's change: for each of its events, the edit that restores what the
 * event changed, as the profile was just before it. Every edit is based on the revision itself, so the profile's own
 * rules decide what happens to what changed since: a later, disjoint change of a claim's text is merged, anything
 * else that was changed again refuses the undo. Folded from the event store, like a revert.
 */
@Service
public class ChangeUndo {

    private final SheetFolder folder;

    ChangeUndo(SheetFolder folder) {
        this.folder = folder;
    }

    /** The undo edits of revision {@code revision}, in the order they are to be applied (the last event's first). */
    public List<ProfileCommand> of(String profileId, long revision) {
        return fold(profileId, revision, false).edits();
    }

    /**
     * The undo of revision {@code revision} in a batch undo: its edits, and the change before it of each aspect it
     * changed. An import is taken back too, as a batch undo takes back everything a bad import brought: the edits
     * retract its claims and remove its sections, sources, facts and connections (its name, which a profile cannot
     * be without, stays).
     */
    public UndoChanges.Undo forBatch(String profileId, long revision) {
        return fold(profileId, revision, true);
    }

    private UndoChanges.Undo fold(String profileId, long revision, boolean importsToo) {
        SheetFolder.Folded before = folder.atRevision(profileId, revision - 1);
        if (revision < 1 || before.sheet().revision() != revision - 1) {
            throw new NotInHistory("Profile '" + profileId + "' has no revision " + revision);
        }
        EditNote note = new EditNote(revision, null, null);
        List<List<ProfileCommand>> undoOfEach = new ArrayList<>();
        ProfileSheet sheetBefore = before.sheet().copy();
        Map<String, UndoChanges.Earlier> earlier = new HashMap<>();
        ProfileDocument documentBefore = before.sheet().toDocument();
        ProfileView[] was = {before.sheet().toView()};
        SheetFolder.Folded after = folder.foldWhile(profileId, before,
                event -> ((ProfileEvent) event.getPayload()).revision() == revision, event -> {
                    undoOfEach.add(importsToo && event instanceof ProfileImported imported
                            ? takeBack(imported.document(), profileId, note)
                            : Optional.ofNullable(inverse(event, was[0], documentBefore, note)).stream().toList());
                    was[0] = before.sheet().toView();
                    sheetBefore.lastChangesOf(event).forEach((aspect, change) -> earlier.putIfAbsent(aspect,
                            new UndoChanges.Earlier(change.revision(), change.editor())));
                });
        if (after.sheet().revision() != revision) {
            throw new NotInHistory("Profile '" + profileId + "' has no revision " + revision);
        }
        Collections.reverse(undoOfEach);
        return new UndoChanges.Undo(revision, undoOfEach.stream().flatMap(List::stream).toList(), earlier);
    }

    /**
     * The edits that take back all an imported document brought, in the order they are to be applied: its claims
     * retracted first, then its sections emptied so removed (subsections before theirs), then its sources (cited by
     * no live claim of it any more), facts and connections removed.
     */
    private static List<ProfileCommand> takeBack(ProfileDocument document, String p, EditNote note) {
        List<ProfileCommand> edits = new ArrayList<>();
        document.sections().stream().flatMap(ChangeUndo::withSubsections).flatMap(s -> s.claims().stream())
                .map(ClaimDocument::id).forEach(claimId -> edits.add(new RetractClaim(p, note, claimId)));
        document.sections().forEach(top -> {
            top.subsections().forEach(sub -> edits.add(new RemoveSection(p, note, sub.id())));
            edits.add(new RemoveSection(p, note, top.id()));
        });
        document.sources().stream().map(Source::id).forEach(id -> edits.add(new RemoveSource(p, note, id)));
        document.facts().stream().map(Fact::key).forEach(key -> edits.add(new RemoveFact(p, note, key)));
        document.connections().stream().map(Connection::id)
                .forEach(id -> edits.add(new RemoveConnection(p, note, id)));
        return edits;
    }

    private static Stream<SectionDocument> withSubsections(SectionDocument section) {
        return Stream.concat(Stream.of(section), section.subsections().stream());
    }

    private static ProfileCommand inverse(ProfileEvent event, ProfileView was, ProfileDocument documentBefore,
                                          EditNote note) {
        String p = event.profileId();
        if (event instanceof ProfileCreated || event instanceof ProfileImported) {
            throw new NotUndoable("Revision " + event.revision() + " created profile '" + p
                    + "': it cannot be taken back by edits; retract its claims instead");
        } else if (event instanceof ChangeApproved || event instanceof ChangeRejected
                || event instanceof ChangesUndone) {
            throw new NotUndoable("Revision " + event.revision() + " of profile '" + p
                    + "' is a review, not a change");
        } else if (event instanceof SuggestionModeSwitched || event instanceof EditSuggested
                || event instanceof SuggestionAmended || event instanceof SuggestionDeclined
                || event instanceof SuggestionWithdrawn) {
            throw new NotUndoable("Revision " + event.revision() + " of profile '" + p
                    + "' changed no content: it is about suggestions");
        } else if (event instanceof SuggestionAccepted) {
            // Nothing of its own to take back: the accepted edit's events, before it in the revision, are.
            return null;
        } else if (event instanceof ProfileReverted e) {
            // A revert is the only event of its revision (a batch holds none), so the profile before it is before all.
            return new RevertProfile(p, note, e.revision() - 1, documentBefore);
        } else if (event instanceof IdentityRevised) {
            return new ReviseIdentity(p, note, was.identity());
        } else if (event instanceof FactSet e) {
            return fact(was, e.key()).<ProfileCommand>map(old -> new SetFact(p, note, e.key(), old.value()))
                    .orElseGet(() -> new RemoveFact(p, note, e.key()));
        } else if (event instanceof FactRemoved e) {
            return new SetFact(p, note, e.key(), fact(was, e.key()).orElseThrow().value());
        } else if (event instanceof SectionAdded e) {
            return new RemoveSection(p, note, e.sectionId());
        } else if (event instanceof SectionRenamed e) {
            return new RenameSection(p, note, e.sectionId(), placed(was, e.sectionId()).section().title());
        } else if (event instanceof SectionMoved e) {
            return new MoveSection(p, note, e.sectionId(), placed(was, e.sectionId()).position());
        } else if (event instanceof SectionRemoved e) {
            PlacedSection old = placed(was, e.sectionId());
            return new AddSection(p, note, e.sectionId(), old.section().title(), old.parentId(), old.position());
        } else if (event instanceof ClaimAdded e) {
            return new RetractClaim(p, note, e.claimId());
        } else if (event instanceof ClaimRevised e) {
            ClaimView old = claim(was, e.claimId()).claim();
            return new ReviseClaim(p, note, e.claimId(), old.text(), old.label(), old.items());
        } else if (event instanceof ClaimMoved e) {
            PlacedClaim old = claim(was, e.claimId());
            return new MoveClaim(p, note, e.claimId(), old.sectionId(), old.position());
        } else if (event instanceof ClaimRetracted e) {
            return new RestoreClaim(p, note, e.claimId());
        } else if (event instanceof ClaimRestored e) {
            return new RetractClaim(p, note, e.claimId());
        } else if (event instanceof SourceCited e) {
            return new UnciteSource(p, note, e.claimId(), e.sourceId());
        } else if (event instanceof SourceUncited e) {
            return new CiteSource(p, note, e.claimId(), e.sourceId());
        } else if (event instanceof SourceAdded e) {
            return new RemoveSource(p, note, e.source().id());
        } else if (event instanceof SourceEdited e) {
            Source old = source(was, e.source().id());
            return new EditSource(p, note, old.id(), old.title(), old.url(), old.site());
        } else if (event instanceof SourceRemoved e) {
            // A source comes back under a new id and number: numbers are never reused.
            Source old = source(was, e.sourceId());
            return new AddSource(p, note, old.title(), old.url(), old.site());
        } else if (event instanceof ConnectionAdded e) {
            return new RemoveConnection(p, note, e.connection().id());
        } else if (event instanceof ConnectionRemoved e) {
            return was.connections().stream().filter(c -> c.id().equals(e.connectionId())).findFirst()
                    .map(c -> new AddConnection(p, note, c.id(), c.target(), c.relation(), c.via())).orElseThrow();
        }
        throw new IllegalArgumentException("Unknown event " + event.getClass());
    }

    private static Optional<Fact> fact(ProfileView view, String key) {
        return view.facts().stream().filter(f -> f.key().equals(key)).findFirst();
    }

    private static Source source(ProfileView view, String sourceId) {
        return view.sources().stream().filter(s -> s.id().equals(sourceId)).findFirst().orElseThrow();
    }

    private record PlacedSection(SectionView section, String parentId, int position) {
    }

    private static PlacedSection placed(ProfileView view, String sectionId) {
        return Stream.concat(placedIn(view.sections(), null),
                        view.sections().stream().flatMap(top -> placedIn(top.subsections(), top.id())))
                .filter(placed -> placed.section().id().equals(sectionId)).findFirst().orElseThrow();
    }

    private static Stream<PlacedSection> placedIn(List<SectionView> siblings, String parentId) {
        return IntStream.range(0, siblings.size()).mapToObj(i -> new PlacedSection(siblings.get(i), parentId, i));
    }

    private record PlacedClaim(ClaimView claim, String sectionId, int position) {
    }

    private static PlacedClaim claim(ProfileView view, String claimId) {
        return view.sections().stream().flatMap(top -> Stream.concat(Stream.of(top), top.subsections().stream()))
                .flatMap(section -> IntStream.range(0, section.claims().size())
                        .mapToObj(i -> new PlacedClaim(section.claims().get(i), section.id(), i)))
                .filter(placed -> placed.claim().id().equals(claimId)).findFirst().orElseThrow();
    }
}
