package io.palimpsest.editing;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import io.palimpsest.editing.ProfileSheet.Change;
import io.palimpsest.editing.ProfileSheet.Claim;
import io.palimpsest.editing.ProfileSheet.Section;
import io.palimpsest.editors.EditorNames;
import io.palimpsest.model.ClaimDocument;
import io.palimpsest.model.ClaimItem;
import io.palimpsest.model.Connection;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.ProfileCommand;
import io.palimpsest.model.ProfileCommand.*;
import io.palimpsest.model.ProfileDocument;
import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.ProfileEvent.*;
import io.palimpsest.model.RiskFlag;
import io.palimpsest.model.SectionDocument;
import io.palimpsest.model.Source;
import io.palimpsest.model.api.EditResult;
import io.palimpsest.model.api.UndoResult;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * The profile aggregate: decides every edit. Each handler guards, then returns the events of its
 * decision; {@link #edit} applies them as one revision with the editor, summary and command id as
 * metadata. Sourcing handlers only fold events into the {@link ProfileSheet}.
 */
@Aggregate(snapshotTriggerDefinition = "profileSnapshotTrigger", cache = "profileCache",
        commandTargetResolver = "profileCommandTargetResolver", lockFactory = "profileLockFactory")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Profile {

    /** How many revisions back an edit may be based and still be merged: older texts of a claim are forgotten. */
    static final int MERGE_WINDOW = 1_000;
    /** How many client command ids are remembered, so a retried command answers as the first did. */
    static final int REMEMBERED_COMMANDS = 1_000;
    /**
     * How many revisions back a change can be reviewed: an older one left unreviewed expires, as a wiki's recent
     * changes do, so what the aggregate keeps of reviews stays bounded.
     */
    public static final int REVIEW_WINDOW = 1_000;
    /** How an approved change's verdict begins: the one verdict that leaves a change standing. */
    static final String APPROVED_BY = "approved by ";

    @AggregateIdentifier
    private String id;
    private ProfileSheet sheet = new ProfileSheet();
    /**
     * Each claim's texts by revision, as far back as {@link #MERGE_WINDOW}: the common base of a three-way merge.
     * Bounded because the aggregate is cached and snapshotted whole: every text ever made the snapshot, and every
     * snapshot, grow with the profile's history.
     */
    private Map<String, TreeMap<Long, String>> claimTexts = new HashMap<>();
    /** What each of the last {@link #REMEMBERED_COMMANDS} client command ids produced, oldest first. */
    private LinkedHashMap<String, Applied> appliedCommands = new LinkedHashMap<>();
    /** The editor of each change of the last {@link #REVIEW_WINDOW} revisions that nobody reviewed yet. */
    private TreeMap<Long, String> unreviewed = new TreeMap<>();
    /** How each reviewed change of the last {@link #REVIEW_WINDOW} revisions was reviewed ("approved by ..."). */
    private TreeMap<Long, String> reviewed = new TreeMap<>();
    /** The revision each whole-profile revert of the last {@link #REVIEW_WINDOW} revisions went back to, by its own. */
    private TreeMap<Long, Long> reverts = new TreeMap<>();
    /** The batch of changes being decided, while its handler runs; never cached or snapshotted. */
    private transient Batch batch;
    /** Set while an edit is only decided, to check it, not applied ({@link #requireDecidable}). */
    private transient boolean onlyDeciding;
    /** A copy that tries a batch undo's edits ({@link #trialCopy}): it folds their events into its own sheet only. */
    private transient boolean trial;

    protected Profile() {
    }

    // ---- creation ----

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    EditResult handle(CreateProfile command, @MetaDataValue("editor") String editor) {
        return create(command, editor, next -> {
            requireText(command.identity() == null ? null : command.identity().name(), "name");
            return List.of(new ProfileCreated(command.profileId(), next, command.identity()));
        });
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    EditResult handle(ImportProfile command, @MetaDataValue("editor") String editor) {
        return create(command, editor, next -> {
            ImportedDocumentRules.check(command.document());
            return List.of(new ProfileImported(command.profileId(), next, command.document()));
        });
    }

    // ---- facts ----

    @CommandHandler
    EditResult handle(SetFact command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            requireText(command.key(), "fact key");
            requireText(command.value(), "fact value");
            requireUnchanged(command, Touch.fact(command.key()));
            if (sheet.fact(command.key()).filter(command.value()::equals).isPresent()) {
                return List.of();
            }
            return List.of(new FactSet(id, next, command.key(), command.value()));
        });
    }

    @CommandHandler
    EditResult handle(RemoveFact command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            if (!sheet.hasFact(command.key())) {
                throw ProfileRejection.notFound("Profile '" + id + "' has no fact '" + command.key() + "'");
            }
            requireUnchanged(command, Touch.fact(command.key()));
            return List.of(new FactRemoved(id, next, command.key()));
        });
    }

    // ---- sections ----

    @CommandHandler
    EditResult handle(AddSection command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            requireText(command.title(), "section title");
            if (command.parentSectionId() != null) {
                Section parent = section(command.parentSectionId());
                if (parent.parentId != null) {
                    throw ProfileRejection.invalid("Sections nest one level deep; '" + parent.id + "' is a subsection");
                }
            }
            String sectionId = command.sectionId() != null ? command.sectionId() : Slugs.unique(command.title(),
                    candidate -> sheet.findSection(candidate).isPresent());
            if (sheet.findSection(sectionId).isPresent()) {
                throw ProfileRejection.conflict("Profile '" + id + "' already has a section '" + sectionId + "'");
            }
            int position = positionOrEnd(command.position(), sheet.sectionCount(command.parentSectionId()));
            return List.of(new SectionAdded(id, next, sectionId, command.title(), command.parentSectionId(), position));
        });
    }

    @CommandHandler
    EditResult handle(ReviseIdentity command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            requireText(command.identity().name(), "name");
            requireUnchanged(command, Touch.identity());
            if (command.identity().equals(sheet.identity())) {
                return List.of();
            }
            return List.of(new IdentityRevised(id, next, command.identity()));
        });
    }

    @CommandHandler
    EditResult handle(RenameSection command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            Section section = section(command.sectionId());
            requireText(command.title(), "section title");
            requireUnchanged(command, Touch.section(section.id));
            if (section.title.equals(command.title())) {
                return List.of();
            }
            return List.of(new SectionRenamed(id, next, section.id, command.title()));
        });
    }

    @CommandHandler
    EditResult handle(MoveSection command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            Section section = section(command.sectionId());
            requirePosition(command.position(), sheet.siblingCount(section) - 1);
            requireUnchanged(command, Touch.section(section.id));
            return List.of(new SectionMoved(id, next, section.id, command.position()));
        });
    }

    @CommandHandler
    EditResult handle(RemoveSection command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            Section section = section(command.sectionId());
            if (sheet.hasLiveContent(section)) {
                throw ProfileRejection.conflict("Section '" + section.id
                        + "' still has claims or subsections; move or retract them first");
            }
            requireUnchanged(command, Touch.section(section.id));
            return List.of(new SectionRemoved(id, next, section.id));
        });
    }

    // ---- claims ----

    @CommandHandler
    EditResult handle(AddClaim command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            Section section = section(command.sectionId());
            requireText(command.text(), "claim text");
            if (command.kind() == null) {
                throw ProfileRejection.invalid("A claim needs a kind");
            }
            String claimId = command.claimId() != null ? command.claimId() : nextClaimId();
            if (sheet.findClaim(claimId).isPresent()) {
                throw ProfileRejection.conflict("Profile '" + id + "' already has a claim '" + claimId + "'");
            }
            List<String> citations = command.citations() == null ? List.of() : List.copyOf(command.citations());
            citations.forEach(this::source);
            int position = positionOrEnd(command.position(), sheet.liveClaimCount(section));
            return List.of(new ClaimAdded(id, next, section.id, claimId, command.kind(), command.label(),
                    command.text(), command.items() == null ? List.of() : command.items(), citations, command.url(),
                    position));
        });
    }

    @CommandHandler
    EditResult handle(ReviseClaim command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            Claim claim = liveClaim(command.claimId());
            requireText(command.text(), "claim text");
            String label = command.label() != null ? command.label() : claim.label;
            List<ClaimItem> items = command.items() != null ? List.copyOf(command.items()) : claim.items;
            String text = command.text();
            Long base = command.note().baseRevision();
            Change since = changedSince(base, Touch.claimContent(claim.id));
            if (since != null) {
                if (!Objects.equals(label, claim.label) || !items.equals(claim.items)) {
                    throw editConflict(claim, since);
                }
                text = TextMerge.merge(baseText(claim, base, since), command.text(), claim.text)
                        .orElseThrow(() -> editConflict(claim, since));
            }
            if (text.equals(claim.text) && Objects.equals(label, claim.label) && items.equals(claim.items)) {
                return List.of();
            }
            long against = base != null ? base : sheet.revision();
            return List.of(new ClaimRevised(id, next, claim.id, text, label, items, against, since != null,
                    origin(claim, text, since != null)));
        });
    }

    @CommandHandler
    EditResult handle(MoveClaim command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            Claim claim = liveClaim(command.claimId());
            Section target = section(command.sectionId() != null ? command.sectionId() : claim.sectionId);
            int others = sheet.liveClaimCount(target) - (target.id.equals(claim.sectionId) ? 1 : 0);
            requirePosition(command.position(), others);
            requireUnchanged(command, Touch.claimPlace(claim.id));
            return List.of(new ClaimMoved(id, next, claim.id, target.id, command.position()));
        });
    }

    @CommandHandler
    EditResult handle(RetractClaim command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            Claim claim = liveClaim(command.claimId());
            requireUnchanged(command, Touch.claimPlace(claim.id));
            return List.of(new ClaimRetracted(id, next, claim.id));
        });
    }

    @CommandHandler
    EditResult handle(RestoreClaim command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            Claim claim = claim(command.claimId());
            if (!claim.retracted) {
                throw ProfileRejection.conflict("Claim '" + claim.id + "' is not retracted");
            }
            requireUnchanged(command, Touch.claimPlace(claim.id));
            return List.of(new ClaimRestored(id, next, claim.id));
        });
    }

    @CommandHandler
    EditResult handle(CiteSource command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            Claim claim = liveClaim(command.claimId());
            Source source = source(command.sourceId());
            if (claim.citations.contains(source.id())) {
                return List.of();
            }
            return List.of(new SourceCited(id, next, claim.id, source.id()));
        });
    }

    @CommandHandler
    EditResult handle(UnciteSource command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            Claim claim = liveClaim(command.claimId());
            if (!claim.citations.contains(command.sourceId())) {
                throw ProfileRejection.notFound("Claim '" + claim.id + "' does not cite '" + command.sourceId() + "'");
            }
            return List.of(new SourceUncited(id, next, claim.id, command.sourceId()));
        });
    }

    // ---- sources ----

    @CommandHandler
    EditResult handle(AddSource command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            requireSourceContent(command.title(), command.url(), command.site());
            int number = sheet.nextSourceNumber();
            while (sheet.findSource("s" + number).isPresent()) {
                number++;
            }
            Source source = new Source("s" + number, number, command.title(), command.url(), command.site());
            return List.of(new SourceAdded(id, next, source));
        });
    }

    @CommandHandler
    EditResult handle(EditSource command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            Source current = source(command.sourceId());
            requireSourceContent(command.title(), command.url(), command.site());
            requireUnchanged(command, Touch.source(current.id()));
            Source edited = new Source(current.id(), current.number(), command.title(), command.url(), command.site());
            return edited.equals(current) ? List.of() : List.of(new SourceEdited(id, next, edited));
        });
    }

    @CommandHandler
    EditResult handle(RemoveSource command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            Source source = source(command.sourceId());
            List<String> citing = sheet.claimsCiting(source.id());
            if (!citing.isEmpty()) {
                throw ProfileRejection.conflict("Source '" + source.id() + "' is still cited by claim"
                        + (citing.size() == 1 ? " " : "s ") + String.join(", ", citing) + "; uncite it there first",
                        Map.of("citedBy", citing));
            }
            requireUnchanged(command, Touch.source(source.id()));
            return List.of(new SourceRemoved(id, next, source.id()));
        });
    }

    // ---- connections ----

    @CommandHandler
    EditResult handle(AddConnection command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            requireText(command.target(), "connection target");
            requireText(command.relation(), "connection relation");
            String connectionId = command.connectionId() != null ? command.connectionId() : nextConnectionId();
            if (sheet.hasConnection(connectionId)) {
                throw ProfileRejection.conflict("Profile '" + id + "' already has a connection '" + connectionId + "'");
            }
            return List.of(new ConnectionAdded(id, next,
                    new Connection(connectionId, command.target(), command.relation(), command.via())));
        });
    }

    @CommandHandler
    EditResult handle(RemoveConnection command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            if (!sheet.hasConnection(command.connectionId())) {
                throw ProfileRejection.notFound("Profile '" + id + "' has no connection '" + command.connectionId() + "'");
            }
            requireUnchanged(command, Touch.connection(command.connectionId()));
            return List.of(new ConnectionRemoved(id, next, command.connectionId()));
        });
    }

    // ---- whole profile ----

    @CommandHandler
    EditResult handle(RevertProfile command, @MetaDataValue("editor") String editor) {
        return edit(command, editor, next -> {
            if (command.toRevision() < 1 || command.toRevision() >= sheet.revision()) {
                throw ProfileRejection.invalid("Revision " + command.toRevision()
                        + " is not an earlier revision of profile '" + id + "' (current revision: "
                        + sheet.revision() + ")");
            }
            Long base = command.note().baseRevision();
            if (base != null && base < sheet.revision()) {
                throw ProfileRejection.conflict("Profile '" + id + "' changed since revision " + base
                        + "; its current revision is " + sheet.revision(),
                        Map.of("currentRevision", sheet.revision()));
            }
            ImportedDocumentRules.check(command.document());
            if (command.document().equals(sheet.toDocument())) {
                return List.of();
            }
            return List.of(new ProfileReverted(id, next, command.toRevision(), command.document()));
        });
    }

    // ---- review ----

    @CommandHandler
    EditResult handle(ApproveChange command, @MetaDataValue("editor") String editor) {
        EditResult earlier = earlierResult(command.note());
        if (earlier != null) {
            return earlier;
        }
        requireReviewable(command.changeRevision(), editor);
        return applyAll(command, editor, List.of(new ChangeApproved(id, sheet.revision() + 1,
                command.changeRevision())));
    }

    /**
     * Applies the edits that take the change back, as one batch, and then the rejection in the same revision. An
     * undo edit the profile refuses (a later edit overlaps it) refuses the rejection, named by its index.
     */
    @CommandHandler
    EditResult handle(RejectChange command, @MetaDataValue("editor") String editor) {
        EditResult earlier = earlierResult(command.note());
        if (earlier != null) {
            return earlier;
        }
        requireReviewable(command.changeRevision(), editor);
        requireText(command.reason(), "reason for rejecting");
        requireUndo(command.undo(), command.changeRevision());
        batch = new Batch(sheet.revision() + 1, command.note(), new HashMap<>(), false);
        try {
            List<String> created = new ArrayList<>();
            for (int i = 0; i < command.undo().size(); i++) {
                try {
                    created.addAll(decide(command.undo().get(i), editor).createdIds());
                } catch (ProfileRejection refused) {
                    throw refused.inChange(i, sheet.revision() == batch.revision());
                }
            }
            applyAll(command, editor, List.of(new ChangeRejected(id, batch.revision(), command.changeRevision(),
                    command.reason())));
            return EditResult.created(id, sheet.revision(), created);
        } finally {
            batch = null;
        }
    }

    /** Refuses a review of what is not a change awaiting one, and of the reviewer's own change. */
    private void requireReviewable(long changeRevision, String reviewer) {
        if (changeRevision < 1 || changeRevision > sheet.revision()) {
            throw ProfileRejection.notFound("Profile '" + id + "' has no revision " + changeRevision
                    + " (current revision: " + sheet.revision() + ")");
        }
        String verdict = reviewed.get(changeRevision);
        if (verdict != null) {
            throw ProfileRejection.conflict("The change of revision " + changeRevision + " was already " + verdict,
                    Map.of("changeRevision", changeRevision));
        }
        String author = unreviewed.get(changeRevision);
        if (author == null) {
            throw ProfileRejection.invalid("Revision " + changeRevision + " of profile '" + id
                    + "' is not a change awaiting review: it is a review or a suggestion, or more than " + REVIEW_WINDOW
                    + " revisions old");
        }
        if (author.equals(reviewer)) {
            throw ProfileRejection.forbidden("Nobody reviews their own change: revision " + changeRevision
                    + " is yours; another reviewer must review it");
        }
    }

    private void requireUndo(List<ProfileCommand> undo, long changeRevision) {
        for (int i = 0; i < undo.size(); i++) {
            ProfileCommand part = undo.get(i);
            if (!isEdit(part) || part instanceof ApplyChanges || (part instanceof RevertProfile && undo.size() > 1)) {
                throw ProfileRejection.invalid("Undo edit " + i + " is a " + part.getClass().getSimpleName()
                        + ": a rejection takes a change back with edits of the profile's parts, or one revert");
            }
            if (!id.equals(part.profileId()) || !Objects.equals(part.note().baseRevision(), changeRevision)) {
                throw ProfileRejection.invalid("Undo edit " + i + " must edit profile '" + id
                        + "' based on revision " + changeRevision);
            }
        }
    }

    // ---- suggestions ----

    /**
     * The metadata key of the sender's highest role ({@code ProfileCommands} sets it from the principal): in suggestion
     * mode an EDITOR's edits are kept as suggestions, and only a REVIEWER or ADMIN switches the mode or settles one.
     */
    public static final String ROLE = "role";

    @CommandHandler
    EditResult handle(SwitchSuggestionMode command, @MetaDataValue("editor") String editor) {
        EditResult earlier = earlierResult(command.note());
        if (earlier != null) {
            return earlier;
        }
        requireReviewer("switch suggestion mode");
        if (sheet.suggesting() == command.on()) {
            return EditResult.at(id, sheet.revision());
        }
        return applyAll(command, editor, List.of(new SuggestionModeSwitched(id, sheet.revision() + 1, command.on())));
    }

    /**
     * Decides the suggestion's edit as the suggester's, against the revision they saw, and applies it with the
     * acceptance as one revision: its events by the suggester, with their summary; the acceptance by the reviewer.
     */
    @CommandHandler
    EditResult handle(AcceptSuggestion command, @MetaDataValue("editor") String editor) {
        EditResult earlier = earlierResult(command.note());
        if (earlier != null) {
            return earlier;
        }
        requireReviewer("accept a suggestion");
        Suggestion suggestion = openSuggestion(command.suggestionId());
        if (suggestion.author().equals(editor)) {
            throw ProfileRejection.forbidden("Nobody accepts their own suggestion: " + suggestion.id()
                    + " is yours; another reviewer must accept it");
        }
        ProfileCommand edit = suggestion.edit();
        List<ProfileCommand> parts = edit instanceof ApplyChanges changes ? changes.parts() : List.of(edit);
        EditNote asSuggested = new EditNote(null, edit.note().summary(), command.note().commandId());
        long revision = sheet.revision() + 1;
        batch = new Batch(revision, asSuggested, new HashMap<>(), true);
        List<String> created = new ArrayList<>();
        try {
            for (ProfileCommand part : parts) {
                try {
                    created.addAll(decide(part, suggestion.author()).createdIds());
                } catch (ProfileRejection refused) {
                    throw refused.inSuggestion(suggestion.id(),
                            part instanceof ReviseClaim revise ? revise.text() : null,
                            sheet.revision() == batch.revision());
                }
            }
        } finally {
            batch = null;
        }
        applyAll(command, editor, List.of(new SuggestionAccepted(id, revision, suggestion.id())));
        return EditResult.created(id, revision, created);
    }

    @CommandHandler
    EditResult handle(DeclineSuggestion command, @MetaDataValue("editor") String editor) {
        EditResult earlier = earlierResult(command.note());
        if (earlier != null) {
            return earlier;
        }
        requireReviewer("decline a suggestion");
        requireText(command.reason(), "reason for declining");
        Suggestion suggestion = openSuggestion(command.suggestionId());
        return applyAll(command, editor, List.of(new SuggestionDeclined(id, sheet.revision() + 1, suggestion.id(),
                command.reason())));
    }

    @CommandHandler
    EditResult handle(WithdrawSuggestion command, @MetaDataValue("editor") String editor) {
        EditResult earlier = earlierResult(command.note());
        if (earlier != null) {
            return earlier;
        }
        Suggestion suggestion = ownSuggestion(command.suggestionId(), editor, "withdraw");
        return applyAll(command, editor, List.of(new SuggestionWithdrawn(id, sheet.revision() + 1, suggestion.id())));
    }

    /** The new edit is checked as the first was when suggested: it must be one the profile would take now. */
    @CommandHandler
    EditResult handle(AmendSuggestion command, @MetaDataValue("editor") String editor) {
        EditResult earlier = earlierResult(command.note());
        if (earlier != null) {
            return earlier;
        }
        Suggestion suggestion = ownSuggestion(command.suggestionId(), editor, "amend");
        ProfileCommand edit = command.edit();
        if (edit == null || !id.equals(edit.profileId()) || !isEdit(edit)) {
            throw ProfileRejection.invalid("An amended suggestion is an edit of profile '" + id + "'s parts");
        }
        if (!(edit instanceof ApplyChanges)) {
            requireDecidable(edit, editor);
        }
        return applyAll(command, editor, List.of(new SuggestionAmended(id, sheet.revision() + 1, suggestion.id(),
                edit)));
    }

    /** Decides the edit as if it were sent now, applying nothing: a refusal is thrown as it would be. */
    private void requireDecidable(ProfileCommand edit, String editor) {
        onlyDeciding = true;
        try {
            decide(edit, editor);
        } finally {
            onlyDeciding = false;
        }
    }

    /** Whether the command edits the profile's content, rather than creating, reviewing or settling suggestions. */
    private static boolean isEdit(ProfileCommand command) {
        return !(command instanceof CreateProfile || command instanceof ImportProfile
                || command instanceof ApproveChange || command instanceof RejectChange
                || command instanceof SwitchSuggestionMode || command instanceof AcceptSuggestion
                || command instanceof UndoChanges || command instanceof DeclineSuggestion
                || command instanceof WithdrawSuggestion || command instanceof AmendSuggestion);
    }

    /** Keeps the edit as a suggestion, in a revision of its own that changes no content. */
    private EditResult suggest(ProfileCommand edit, String editor) {
        long next = sheet.revision() + 1;
        String suggestionId = Suggestion.idFor(next);
        applyAll(edit, editor, List.of(new EditSuggested(id, next, suggestionId, edit)));
        return EditResult.suggested(id, next, suggestionId);
    }

    /** Whether the profile is in suggestion mode and the command comes from an editor who is no reviewer. */
    private boolean suggestsOnly() {
        return sheet.suggesting() && !senderReviews();
    }

    private static boolean senderReviews() {
        Object role = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getMessage().getMetaData().get(ROLE) : null;
        return "REVIEWER".equals(role) || "ADMIN".equals(role);
    }

    private static void requireReviewer(String what) {
        if (!senderReviews()) {
            throw ProfileRejection.forbidden("Only a REVIEWER or ADMIN may " + what);
        }
    }

    private Suggestion openSuggestion(String suggestionId) {
        return sheet.suggestion(suggestionId).orElseThrow(() -> ProfileRejection.notFound("Profile '" + id
                + "' has no open suggestion '" + suggestionId + "': it never existed, or it was accepted, declined"
                + " or withdrawn"));
    }

    private Suggestion ownSuggestion(String suggestionId, String editor, String what) {
        Suggestion suggestion = openSuggestion(suggestionId);
        if (!suggestion.author().equals(editor)) {
            throw ProfileRejection.forbidden("Only its author, " + suggestion.author() + ", may " + what
                    + " suggestion " + suggestionId);
        }
        return suggestion;
    }

    // ---- batch undo ----

    /**
     * Takes back several changes in one revision: {@link ChangesUndoing} decides which, newest first, each tried on a
     * copy of the profile first, so a change whose undo the profile refuses is left whole; the undo events of the
     * others and then {@link ChangesUndone} are applied as one revision. A dry run decides on a copy, applying nothing.
     */
    @CommandHandler
    UndoResult handle(UndoChanges command, @MetaDataValue("editor") String editor) {
        EditResult earlier = command.dryRun() ? null : earlierResult(command.note());
        if (earlier != null) {
            String verdict = ChangesUndoing.verdict(editor, earlier.revision());
            return ChangesUndoing.retried(earlier, command.changes(), r -> verdict.equals(reviewed.get(r)));
        }
        requireText(command.reason(), "reason for undoing");
        command.changes().forEach(change -> requireUndo(change.edits(), change.changeRevision()));
        Profile decider = command.dryRun() ? trialCopy() : this;
        decider.batch = new Batch(sheet.revision() + 1, command.note(), new HashMap<>(), false);
        try {
            ChangesUndoing decided = ChangesUndoing.decide(decider, command.changes(), editor,
                    new ChangesUndoing.Reviews(unreviewed, reviewed, reverts, sheet.revision()));
            if (!command.dryRun() && !decided.undone().isEmpty()) {
                applyAll(command, editor, List.of(new ChangesUndone(id, batch.revision(), decided.undone(),
                        command.reason())));
            }
            return decided.result(id, sheet.revision());
        } finally {
            decider.batch = null;
        }
    }

    /** A copy of the profile to try edits on, in the batch being decided: it applies nothing to the profile. */
    Profile trialCopy() {
        Profile copy = new Profile();
        copy.id = id;
        copy.sheet = sheet.copy();
        // Only read by the edits tried: a copy folds their events into its sheet alone, remembering no texts.
        copy.claimTexts = claimTexts;
        copy.batch = batch == null ? null
                : new Batch(batch.revision(), batch.note(), new HashMap<>(batch.before()), batch.flagged());
        copy.trial = true;
        return copy;
    }

    /**
     * Applies, in the batch, the edits that take back one change of a batch undo. A claim they retract must have
     * neither its text nor its citations changed since (retracting it would hide that later work). Then every aspect
     * last changed by that change counts as last changed by the change before it, so that an earlier change of the
     * same aspect can be taken back too, unless another edit came in between.
     */
    List<String> undo(UndoChanges.Undo change, String editor) {
        List<String> created = new ArrayList<>();
        for (ProfileCommand edit : change.edits()) {
            if (edit instanceof RetractClaim retract) {
                requireClaimUnchangedSince(retract.claimId(), retract.note().baseRevision());
            }
            created.addAll(decide(edit, editor).createdIds());
        }
        batch.before().replaceAll((touch, last) -> last.filter(c -> c.revision() == change.changeRevision()).isEmpty()
                ? last : Optional.ofNullable(change.before().get(touch.key()))
                .map(earlier -> new Change(earlier.revision(), earlier.editor())));
        return created;
    }

    ProfileDocument content() {
        return sheet.toDocument();
    }

    private void requireClaimUnchangedSince(String claimId, Long base) {
        Claim claim = liveClaim(claimId);
        for (Touch touch : List.of(Touch.claimContent(claim.id), Touch.claimCitations(claim.id))) {
            Change since = changedSince(base, touch);
            if (since != null) {
                throw claimConflict(claim, since, "Claim '" + claim.id + "' was changed by " + since.editor()
                        + " at revision " + since.revision() + "; retracting it would hide that change");
            }
        }
    }

    // ---- several changes at once ----

    /**
     * Each command's handler, found once per class: a batch hands every part to the handler it has alone, so a
     * part is decided by exactly the rules of its own command.
     */
    private static final ClassValue<MethodHandle> HANDLERS = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> command) {
            try {
                return MethodHandles.lookup().findVirtual(Profile.class, "handle",
                        MethodType.methodType(EditResult.class, command, String.class));
            } catch (NoSuchMethodException | IllegalAccessException e) {
                throw new IllegalStateException("No handler of " + command.getSimpleName() + " in Profile", e);
            }
        }
    };

    /**
     * Decides the parts in order, each against the profile as the parts before it left it, and applies them as one
     * revision. What earlier parts changed counts as the editor's own, not as a change since a part's base
     * revision. A refused part refuses the whole batch, named by its index; events already applied by earlier parts
     * are then rolled back with the unit of work.
     */
    @CommandHandler
    EditResult handle(ApplyChanges command, @MetaDataValue("editor") String editor) {
        EditResult earlier = earlierResult(command.note());
        if (earlier != null) {
            return earlier;
        }
        requireRevision(command.note().baseRevision(), sheet.revision());
        requireBatchable(command.parts());
        if (suggestsOnly()) {
            // Its parts are decided when it is accepted: deciding them now would apply them.
            return suggest(command, editor);
        }
        batch = new Batch(sheet.revision() + 1, command.note(), new HashMap<>(), true);
        try {
            List<String> created = new ArrayList<>();
            for (int i = 0; i < command.parts().size(); i++) {
                try {
                    created.addAll(decide(command.parts().get(i), editor).createdIds());
                } catch (ProfileRejection refused) {
                    throw refused.inChange(i, sheet.revision() == batch.revision());
                }
            }
            return EditResult.created(id, sheet.revision(), created);
        } finally {
            batch = null;
        }
    }

    private void requireBatchable(List<ProfileCommand> parts) {
        if (parts == null || parts.isEmpty()) {
            throw ProfileRejection.invalid("A batch of changes needs at least one change");
        }
        for (int i = 0; i < parts.size(); i++) {
            ProfileCommand part = parts.get(i);
            if (!isEdit(part) || part instanceof ApplyChanges || part instanceof RevertProfile) {
                throw ProfileRejection.invalid("Change " + i + " is a " + part.getClass().getSimpleName()
                        + ": a batch holds edits of the profile's parts only");
            }
            if (!id.equals(part.profileId())) {
                throw ProfileRejection.invalid("Change " + i + " edits profile '" + part.profileId()
                        + "', not '" + id + "'");
            }
        }
    }

    private EditResult decide(ProfileCommand part, String editor) {
        try {
            return (EditResult) HANDLERS.get(part.getClass()).invoke(this, part, editor);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A batch being decided: the revision all its events get, its note, and the last change before the batch of
     * every aspect its parts changed so far (so an earlier part is never a change since a later part's base).
     * {@code flagged}: its parts are an editor's changes, judged for risks; the undo of a rejection is not.
     */
    private record Batch(long revision, EditNote note, Map<Touch, Optional<Change>> before, boolean flagged) {

        void changing(ProfileEvent event, ProfileSheet sheet) {
            Touch.of(event).forEach(touch -> before.computeIfAbsent(touch, sheet::lastChange));
        }

        Optional<Change> lastChangeBefore(Touch touch, ProfileSheet sheet) {
            return before.containsKey(touch) ? before.get(touch) : sheet.lastChange(touch);
        }
    }

    /**
     * What a remembered command produced: its revision and the ids of what it created, in order, or the suggestion it
     * was kept as.
     */
    record Applied(long revision, List<String> createdIds, String suggestionId) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        Applied {
            createdIds = List.copyOf(createdIds);
        }

        /** Snapshots made before created ids were remembered hold the revision alone. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Applied of(long revision) {
            return new Applied(revision, List.of(), null);
        }

        static Applied after(Applied before, ProfileEvent event) {
            boolean sameRevision = before != null && before.revision == event.revision();
            List<String> created = new ArrayList<>(sameRevision ? before.createdIds : List.of());
            String createdId = createdId(event);
            if (createdId != null) {
                created.add(createdId);
            }
            String suggestionId = event instanceof EditSuggested e ? e.suggestionId()
                    : sameRevision ? before.suggestionId : null;
            return new Applied(event.revision(), created, suggestionId);
        }

        EditResult result(String profileId) {
            return suggestionId != null ? EditResult.suggested(profileId, revision, suggestionId)
                    : EditResult.created(profileId, revision, createdIds);
        }
    }

    // ---- applying decisions ----

    private EditResult create(ProfileCommand command, String editor, LongFunction<List<ProfileEvent>> decision) {
        if (sheet.exists()) {
            EditResult earlier = earlierResult(command.note());
            if (earlier != null) {
                return earlier;
            }
            throw ProfileRejection.conflict("Profile '" + command.profileId() + "' already exists"
                    + (command instanceof ImportProfile ? "; import under another id with ?id=" : ""));
        }
        List<ProfileEvent> events;
        try {
            events = decision.apply(1);
        } catch (ProfileRejection refused) {
            throw refused.ofNewProfile();
        }
        return applyAll(command, editor, events);
    }

    /** Decides an edit of the profile, alone or as a part of a batch, and applies its events. */
    private EditResult edit(ProfileCommand command, String editor, LongFunction<List<ProfileEvent>> decision) {
        if (batch == null) {
            EditResult earlier = earlierResult(command.note());
            if (earlier != null) {
                return earlier;
            }
        }
        long current = batch == null ? sheet.revision() : batch.revision() - 1;
        requireRevision(command.note().baseRevision(), current);
        List<ProfileEvent> events = decision.apply(current + 1);
        if (onlyDeciding) {
            return EditResult.at(id, sheet.revision());
        }
        if (batch == null && suggestsOnly()) {
            return events.isEmpty() ? EditResult.at(id, sheet.revision()) : suggest(command, editor);
        }
        return applyAll(command, editor, events);
    }

    /** What a command with this note's command id produced before, or null. */
    private EditResult earlierResult(EditNote note) {
        Applied applied = note.commandId() == null ? null : appliedCommands.get(note.commandId());
        return applied == null ? null : applied.result(id);
    }

    /**
     * The metadata key of an edit's risk flags ({@code code}, {@code sentence}), on the events of the part that
     * raised them: a revision's flags are those of all its events.
     */
    public static final String FLAGS = "riskFlags";

    /** Applies a decision's events with the note of the command (in a batch: of the batch) as their metadata. */
    private EditResult applyAll(ProfileCommand command, String editor, List<ProfileEvent> events) {
        EditNote note = batch == null ? command.note() : batch.note();
        Map<String, Object> meta = new HashMap<>();
        meta.put("editor", editor);
        if (note.summary() != null) {
            meta.put("summary", note.summary());
        }
        if (note.commandId() != null) {
            meta.put("commandId", note.commandId());
        }
        if (batch == null || batch.flagged()) {
            List<RiskFlag> flags = ChangeRisks.of(sheet, events, editor);
            if (!flags.isEmpty()) {
                meta.put(FLAGS, flags.stream().map(flag -> Map.of("code", flag.code(), "sentence", flag.sentence()))
                        .toList());
            }
        }
        for (ProfileEvent event : events) {
            if (batch != null) {
                batch.changing(event, sheet);
            }
            if (trial) {
                sheet.apply(event, editor);
            } else {
                AggregateLifecycle.apply(event, MetaData.from(meta));
            }
        }
        return EditResult.created(command.profileId(), sheet.revision(), events.stream().map(Profile::createdId)
                .filter(Objects::nonNull).toList());
    }

    /** The id of what the event added, answered as the edit's {@code createdId}; null when it added nothing. */
    static String createdId(ProfileEvent event) {
        if (event instanceof SectionAdded e) {
            return e.sectionId();
        } else if (event instanceof ClaimAdded e) {
            return e.claimId();
        } else if (event instanceof SourceAdded e) {
            return e.source().id();
        } else if (event instanceof ConnectionAdded e) {
            return e.connection().id();
        }
        return null;
    }

    /**
     * {@code editors} opens the editor's sealed name: from its cache, or with one lookup of the key the first time this
     * node meets that editor (the only I/O a sourcing handler may do here; the name is not in the stored event).
     */
    @EventSourcingHandler
    void on(ProfileEvent event, MetaData metaData, EditorNames editors) {
        id = event.profileId();
        String editor = editors.of(metaData);
        sheet.apply(event, editor);
        rememberTexts(event);
        rememberReviews(event, editor);
        if (event.revision() % MERGE_WINDOW == 0) {
            claimTexts.values().forEach(texts -> forgetTextsBefore(texts, event.revision() - MERGE_WINDOW));
        }
        Object commandId = metaData.get("commandId");
        if (commandId != null) {
            appliedCommands.compute(commandId.toString(),
                    (key, before) -> Applied.after(before, event));
            if (appliedCommands.size() > REMEMBERED_COMMANDS) {
                appliedCommands.remove(appliedCommands.keySet().iterator().next());
            }
        }
    }

    /**
     * Every revision starts as a change awaiting review by its editor; a review takes the change it reviews out, and
     * is no change to review itself (the undo events of a rejection come before it in its revision).
     */
    private void rememberReviews(ProfileEvent event, String editor) {
        if (event instanceof ChangeApproved e) {
            review(e.revision(), e.changeRevision(), APPROVED_BY + editor);
        } else if (event instanceof ChangeRejected e) {
            review(e.revision(), e.changeRevision(), "rejected by " + editor);
        } else if (event instanceof SuggestionAccepted e) {
            review(e.revision(), e.revision(), APPROVED_BY + editor + ", who accepted it as suggestion "
                    + e.suggestionId());
        } else if (event instanceof ChangesUndone e) {
            e.changeRevisions().forEach(r -> review(e.revision(), r, ChangesUndoing.verdict(editor, e.revision())));
        } else if (isReviewableChange(event)) {
            unreviewed.putIfAbsent(event.revision(), editor);
            if (event instanceof ProfileReverted e) {
                reverts.put(e.revision(), e.toRevision());
            }
        }
        unreviewed.headMap(event.revision() - REVIEW_WINDOW, true).clear();
        reviewed.headMap(event.revision() - REVIEW_WINDOW, true).clear();
        reverts.headMap(event.revision() - REVIEW_WINDOW, true).clear();
    }

    /**
     * Whether a revision beginning with this event is a change a reviewer judges: not a review, and not a suggestion
     * made, amended, declined or withdrawn, nor the suggestion mode switched, which change no content.
     */
    public static boolean isReviewableChange(ProfileEvent event) {
        return !(event instanceof ChangeApproved || event instanceof SuggestionModeSwitched
                || event instanceof EditSuggested || event instanceof SuggestionAmended
                || event instanceof SuggestionDeclined || event instanceof SuggestionWithdrawn);
    }

    private void review(long revision, long changeRevision, String verdict) {
        unreviewed.remove(revision);
        unreviewed.remove(changeRevision);
        reviewed.put(changeRevision, verdict);
    }

    private void rememberTexts(ProfileEvent event) {
        if (event instanceof ProfileImported e) {
            rememberTexts(e.document(), e.revision());
        } else if (event instanceof ProfileReverted e) {
            rememberTexts(e.document(), e.revision());
        } else if (event instanceof ClaimAdded e) {
            rememberText(e.claimId(), e.revision(), e.text());
        } else if (event instanceof ClaimRevised e) {
            rememberText(e.claimId(), e.revision(), e.text());
        }
    }

    private void rememberTexts(ProfileDocument document, long revision) {
        document.sections().stream().flatMap(Profile::claimsOf)
                .forEach(claim -> rememberText(claim.id(), revision, claim.text()));
    }

    private void rememberText(String claimId, long revision, String text) {
        TreeMap<Long, String> texts = claimTexts.computeIfAbsent(claimId, key -> new TreeMap<>());
        texts.put(revision, text);
        forgetTextsBefore(texts, revision - MERGE_WINDOW);
    }

    /** Drops the texts older than the one the claim had at {@code revision}, which stays the base of older edits. */
    private static void forgetTextsBefore(TreeMap<Long, String> texts, long revision) {
        Long kept = texts.floorKey(revision);
        if (kept != null) {
            texts.headMap(kept, false).clear();
        }
    }

    private static Stream<ClaimDocument> claimsOf(SectionDocument section) {
        return Stream.concat(section.claims().stream(), section.subsections().stream().flatMap(Profile::claimsOf));
    }

    // ---- guards ----

    private void requireRevision(Long base, long current) {
        if (base != null && (base < 0 || base > current)) {
            throw ProfileRejection.invalid("Base revision " + base + " is not a revision of profile '" + id
                    + "' (current revision: " + current + ")");
        }
    }

    private Section section(String sectionId) {
        return sheet.findSection(sectionId).orElseThrow(() ->
                ProfileRejection.notFound("Profile '" + id + "' has no section '" + sectionId + "'"));
    }

    private Claim claim(String claimId) {
        return sheet.findClaim(claimId).orElseThrow(() ->
                ProfileRejection.notFound("Profile '" + id + "' has no claim '" + claimId + "'"));
    }

    private Claim liveClaim(String claimId) {
        Claim claim = claim(claimId);
        if (claim.retracted) {
            throw ProfileRejection.conflict("Claim '" + claimId + "' is retracted; restore it first");
        }
        return claim;
    }

    private Source source(String sourceId) {
        return sheet.findSource(sourceId).orElseThrow(() ->
                ProfileRejection.notFound("Profile '" + id + "' has no source '" + sourceId + "'"));
    }

    /** The change to {@code touch} that the editor did not see, or null when there is none. */
    private Change changedSince(Long base, Touch touch) {
        if (base == null) {
            return null;
        }
        Optional<Change> last = batch != null ? batch.lastChangeBefore(touch, sheet) : sheet.lastChange(touch);
        return last.filter(change -> change.revision() > base).orElse(null);
    }

    /** Refuses the edit when {@code touch} changed after the revision the editor saw. */
    private void requireUnchanged(ProfileCommand command, Touch touch) {
        Long base = command.note().baseRevision();
        Change change = changedSince(base, touch);
        if (change != null) {
            throw ProfileRejection.conflict("The " + touch.describe() + " changed since revision " + base
                    + ": revision " + change.revision() + " by " + change.editor(),
                    Map.of("currentRevision", change.revision(), "changedBy", String.valueOf(change.editor())));
        }
    }

    private ProfileRejection editConflict(Claim claim, Change change) {
        return claimConflict(claim, change, "Claim '" + claim.id + "' was changed by " + change.editor()
                + " at revision " + change.revision() + " in a way that overlaps this edit");
    }

    /** A refused edit of a claim, with what the editor needs to redo it: the current text, who changed it, when. */
    private static ProfileRejection claimConflict(Claim claim, Change change, String message) {
        return ProfileRejection.conflict(message, Map.of("claimId", claim.id, "currentText", claim.text,
                "currentRevision", change.revision(), "changedBy", String.valueOf(change.editor())));
    }

    /** A text the claim had before (within the merge window), other than its current one, is a revert to it. */
    private ClaimRevised.Origin origin(Claim claim, String text, boolean merged) {
        if (merged) {
            return ClaimRevised.Origin.MERGE;
        }
        boolean earlierText = !text.equals(claim.text)
                && claimTexts.getOrDefault(claim.id, new TreeMap<>()).containsValue(text);
        return earlierText ? ClaimRevised.Origin.REVERT : ClaimRevised.Origin.EDIT;
    }

    /** The claim's text at the edit's base revision, the common base of the merge with {@code since}. */
    private String baseText(Claim claim, long base, Change since) {
        var entry = claimTexts.getOrDefault(claim.id, new TreeMap<>()).floorEntry(base);
        if (entry == null) {
            throw claimConflict(claim, since, "Claim '" + claim.id + "' has no text at revision " + base
                    + " to merge with: it did not exist then, or that is more than " + MERGE_WINDOW
                    + " revisions back; edit the current text");
        }
        return entry.getValue();
    }

    private String nextClaimId() {
        int n = claimTexts.size() + 1;
        while (sheet.findClaim("c" + n).isPresent()) {
            n++;
        }
        return "c" + n;
    }

    private String nextConnectionId() {
        int n = 1;
        while (sheet.hasConnection("x" + n)) {
            n++;
        }
        return "x" + n;
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw ProfileRejection.invalid("The " + what + " must not be blank");
        }
    }

    private static void requireSourceContent(String title, String url, String site) {
        requireText(title, "source title");
        if ((url == null || url.isBlank()) && (site == null || site.isBlank())) {
            throw ProfileRejection.invalid("A source needs a URL or a site");
        }
    }

    private static void requirePosition(int position, int last) {
        if (position < 0 || position > last) {
            throw ProfileRejection.invalid("Position " + position + " is outside 0.." + last);
        }
    }

    private static int positionOrEnd(Integer position, int count) {
        if (position == null) {
            return count;
        }
        requirePosition(position, count);
        return position;
    }
}
