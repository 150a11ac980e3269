package io.palimpsest.editing;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.palimpsest.model.ClaimDocument;
import io.palimpsest.model.ClaimItem;
import io.palimpsest.model.ClaimKind;
import io.palimpsest.model.Connection;
import io.palimpsest.model.Fact;
import io.palimpsest.model.Identity;
import io.palimpsest.model.ProfileDocument;
import io.palimpsest.model.ProfileEvent;
import io.palimpsest.model.ProfileEvent.*;
import io.palimpsest.model.SectionDocument;
import io.palimpsest.model.Source;
import io.palimpsest.model.api.ClaimView;
import io.palimpsest.model.api.ProfileView;
import io.palimpsest.model.api.RetractedClaim;
import io.palimpsest.model.api.SectionView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A profile's state folded from its events: the one place that knows what each event means. The
 * aggregate decides against it, the current-profile projection stores it, and history can rebuild any
 * past revision with it.
 * <p>
 * Every element remembers the revision and editor of its last change ({@link #changes}), keyed by
 * {@link Touch}: that is what "nothing this edit touches changed since its base revision" is checked
 * against.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ProfileSheet {

    private String id;
    private long revision;
    private Identity identity;
    private final LinkedHashMap<String, String> facts = new LinkedHashMap<>();
    private final List<Section> sections = new ArrayList<>();
    private final Map<String, Claim> claims = new HashMap<>();
    private final LinkedHashMap<String, Source> sources = new LinkedHashMap<>();
    private final LinkedHashMap<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, Change> changes = new HashMap<>();
    private int lastSourceNumber;
    private boolean suggesting;
    /** The open suggestions, oldest first; an accepted, declined or withdrawn one leaves (history keeps it). */
    private final LinkedHashMap<String, Suggestion> suggestions = new LinkedHashMap<>();

    // Views of the parts an event did not change are handed out again, the same instances: history compares the
    // view before and after every event, and skips by identity everything the event left alone.
    private transient List<Fact> factsView;
    private transient List<Source> sourcesView;
    private transient List<Connection> connectionsView;
    private final transient Map<String, SectionView> sectionViews = new HashMap<>();
    private final transient Map<String, ClaimView> claimViews = new HashMap<>();

    /** The revision and editor of an element's last change. */
    public record Change(long revision, String editor) {
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Section {
        String id;
        String title;
        String parentId;
        /** Every claim placed here, retracted ones included, so a restored claim returns to its place. */
        List<String> claimIds = new ArrayList<>();
        List<Section> subsections = new ArrayList<>();

        Section copy() {
            Section copy = new Section();
            copy.id = id;
            copy.title = title;
            copy.parentId = parentId;
            copy.claimIds = new ArrayList<>(claimIds);
            copy.subsections = new ArrayList<>(subsections.stream().map(Section::copy).toList());
            return copy;
        }

        // Value equality lets Axon's test fixture prove that sourcing rebuilds exactly the decided state.
        @Override
        public boolean equals(Object o) {
            return o instanceof Section s && Objects.equals(id, s.id) && Objects.equals(title, s.title)
                    && Objects.equals(parentId, s.parentId) && claimIds.equals(s.claimIds)
                    && subsections.equals(s.subsections);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, title, parentId, claimIds, subsections);
        }
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Claim {
        String id;
        String sectionId;
        ClaimKind kind;
        String label;
        String text;
        List<ClaimItem> items = List.of();
        List<String> citations = new ArrayList<>();
        String url;
        boolean retracted;

        Claim copy() {
            Claim copy = newClaim(id, sectionId, kind, label, text, items, citations, url);
            copy.retracted = retracted;
            return copy;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Claim c && Objects.equals(id, c.id) && Objects.equals(sectionId, c.sectionId)
                    && kind == c.kind && Objects.equals(label, c.label) && Objects.equals(text, c.text)
                    && items.equals(c.items) && citations.equals(c.citations) && Objects.equals(url, c.url)
                    && retracted == c.retracted;
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, sectionId, kind, label, text, items, citations, url, retracted);
        }
    }

    /**
     * A copy that shares nothing this sheet may change: the aggregate tries a batch undo's edits on one, and history
     * keeps the profile as it was before a revision while it folds the revision.
     */
    public ProfileSheet copy() {
        ProfileSheet copy = new ProfileSheet();
        copy.id = id;
        copy.revision = revision;
        copy.identity = identity;
        copy.facts.putAll(facts);
        sections.forEach(section -> copy.sections.add(section.copy()));
        claims.forEach((claimId, claim) -> copy.claims.put(claimId, claim.copy()));
        copy.sources.putAll(sources);
        copy.connections.putAll(connections);
        copy.changes.putAll(changes);
        copy.lastSourceNumber = lastSourceNumber;
        return copy;
    }

    public void apply(ProfileEvent event, String editor) {
        List<Touch> touched = Touch.of(event).toList();
        forgetViews(event, touched);
        if (event instanceof ProfileCreated e) {
            create(e.profileId(), e.identity());
        } else if (event instanceof ProfileImported e) {
            load(e.profileId(), e.document(), e.revision(), editor);
        } else if (event instanceof ProfileReverted e) {
            clearContent();
            load(e.profileId(), e.document(), e.revision(), editor);
        } else if (event instanceof IdentityRevised e) {
            identity = e.identity();
        } else if (event instanceof FactSet e) {
            facts.put(e.key(), e.value());
        } else if (event instanceof FactRemoved e) {
            facts.remove(e.key());
        } else if (event instanceof SectionAdded e) {
            addSection(e);
        } else if (event instanceof SectionRenamed e) {
            section(e.sectionId()).title = e.title();
        } else if (event instanceof SectionMoved e) {
            List<Section> siblings = siblingsOf(section(e.sectionId()));
            Section moved = section(e.sectionId());
            siblings.remove(moved);
            siblings.add(e.position(), moved);
        } else if (event instanceof SectionRemoved e) {
            siblingsOf(section(e.sectionId())).remove(section(e.sectionId()));
        } else if (event instanceof ClaimAdded e) {
            addClaim(e);
        } else if (event instanceof ClaimRevised e) {
            Claim claim = claims.get(e.claimId());
            claim.text = e.text();
            claim.label = e.label();
            claim.items = e.items();
        } else if (event instanceof ClaimMoved e) {
            moveClaim(e);
        } else if (event instanceof ClaimRetracted e) {
            claims.get(e.claimId()).retracted = true;
        } else if (event instanceof ClaimRestored e) {
            claims.get(e.claimId()).retracted = false;
        } else if (event instanceof SourceCited e) {
            claims.get(e.claimId()).citations.add(e.sourceId());
        } else if (event instanceof SourceUncited e) {
            claims.get(e.claimId()).citations.remove(e.sourceId());
        } else if (event instanceof SourceAdded e) {
            sources.put(e.source().id(), e.source());
            lastSourceNumber = Math.max(lastSourceNumber, e.source().number());
        } else if (event instanceof SourceEdited e) {
            sources.put(e.source().id(), e.source());
        } else if (event instanceof SourceRemoved e) {
            sources.remove(e.sourceId());
        } else if (event instanceof ConnectionAdded e) {
            connections.put(e.connection().id(), e.connection());
        } else if (event instanceof ConnectionRemoved e) {
            connections.remove(e.connectionId());
        } else if (event instanceof SuggestionModeSwitched e) {
            suggesting = e.on();
        } else if (event instanceof EditSuggested e) {
            suggestions.put(e.suggestionId(), new Suggestion(e.suggestionId(), editor, e.revision(), e.edit()));
        } else if (event instanceof SuggestionAmended e) {
            suggestions.computeIfPresent(e.suggestionId(), (key, was) -> was.amended(e.revision(), e.edit()));
        } else if (event instanceof SuggestionAccepted e) {
            suggestions.remove(e.suggestionId());
        } else if (event instanceof SuggestionDeclined e) {
            suggestions.remove(e.suggestionId());
        } else if (event instanceof SuggestionWithdrawn e) {
            suggestions.remove(e.suggestionId());
        } else if (!(event instanceof ChangeApproved || event instanceof ChangeRejected
                || event instanceof ChangesUndone)) {
            throw new IllegalArgumentException("Unknown event " + event.getClass());
        }
        revision = event.revision();
        Change change = new Change(event.revision(), editor);
        touched.forEach(touch -> changes.put(touch.key(), change));
        forgetViews(event, touched);
    }

    /** Drops the cached views an event changes: called before it is applied (old places) and after (new ones). */
    private void forgetViews(ProfileEvent event, List<Touch> touched) {
        if (event instanceof ProfileImported || event instanceof ProfileReverted) {
            factsView = null;
            sourcesView = null;
            connectionsView = null;
            sectionViews.clear();
            claimViews.clear();
            return;
        }
        for (Touch touch : touched) {
            switch (touch.element()) {
                case FACT -> factsView = null;
                case SOURCE -> sourcesView = null;
                case CONNECTION -> connectionsView = null;
                case SECTION -> forgetSectionView(touch.id());
                case CLAIM_CONTENT, CLAIM_PLACE, CLAIM_CITATIONS -> forgetClaimView(touch.id());
                case IDENTITY -> {
                    // not cached
                }
            }
        }
    }

    private void forgetClaimView(String claimId) {
        claimViews.remove(claimId);
        Claim claim = claims.get(claimId);
        if (claim != null) {
            forgetSectionView(claim.sectionId);
        }
    }

    /** A section's view holds its subsections' views, so the parent's goes too. */
    private void forgetSectionView(String sectionId) {
        sectionViews.remove(sectionId);
        findSection(sectionId).map(section -> section.parentId).ifPresent(sectionViews::remove);
    }

    private void create(String profileId, Identity identity) {
        this.id = profileId;
        this.identity = identity;
    }

    private void load(String profileId, ProfileDocument document, long revision, String editor) {
        create(profileId, document.identity());
        document.facts().forEach(fact -> facts.put(fact.key(), fact.value()));
        for (SectionDocument top : document.sections()) {
            Section section = loadSection(top, null);
            sections.add(section);
            for (SectionDocument sub : top.subsections()) {
                section.subsections.add(loadSection(sub, section.id));
            }
        }
        document.sources().forEach(source -> {
            sources.put(source.id(), source);
            lastSourceNumber = Math.max(lastSourceNumber, source.number());
        });
        document.connections().forEach(connection -> connections.put(connection.id(), connection));
        Change change = new Change(revision, editor);
        Touch.everything(document).forEach(touch -> changes.put(touch.key(), change));
    }

    /** Source numbers stay taken, so a source added after a revert never reuses an old number. */
    private void clearContent() {
        facts.clear();
        sections.clear();
        claims.clear();
        sources.clear();
        connections.clear();
    }

    private Section loadSection(SectionDocument document, String parentId) {
        Section section = new Section();
        section.id = document.id();
        section.title = document.title();
        section.parentId = parentId;
        for (ClaimDocument c : document.claims()) {
            claims.put(c.id(), newClaim(c.id(), section.id, c.kind(), c.label(), c.text(), c.items(), c.citations(),
                    c.url()));
            section.claimIds.add(c.id());
        }
        return section;
    }

    private void addSection(SectionAdded e) {
        Section section = new Section();
        section.id = e.sectionId();
        section.title = e.title();
        section.parentId = e.parentSectionId();
        (e.parentSectionId() == null ? sections : section(e.parentSectionId()).subsections).add(e.position(), section);
    }

    private void addClaim(ClaimAdded e) {
        claims.put(e.claimId(), newClaim(e.claimId(), e.sectionId(), e.kind(), e.label(), e.text(), e.items(),
                e.citations(), e.url()));
        placeClaim(section(e.sectionId()), e.claimId(), e.position());
    }

    private void moveClaim(ClaimMoved e) {
        Claim claim = claims.get(e.claimId());
        section(claim.sectionId).claimIds.remove(claim.id);
        claim.sectionId = e.sectionId();
        placeClaim(section(e.sectionId()), claim.id, e.position());
    }

    /** Puts a claim before the live claim now at {@code position}, so positions count visible claims. */
    private void placeClaim(Section section, String claimId, int position) {
        List<String> live = liveClaimIds(section);
        int index = position < live.size() ? section.claimIds.indexOf(live.get(position)) : section.claimIds.size();
        section.claimIds.add(index, claimId);
    }

    private static Claim newClaim(String id, String sectionId, ClaimKind kind, String label, String text,
                                  List<ClaimItem> items, List<String> citations, String url) {
        Claim claim = new Claim();
        claim.id = id;
        claim.sectionId = sectionId;
        claim.kind = kind;
        claim.label = label;
        claim.text = text;
        claim.items = items == null ? List.of() : List.copyOf(items);
        claim.citations = citations == null ? new ArrayList<>() : new ArrayList<>(citations);
        claim.url = url;
        return claim;
    }

    // ---- questions the aggregate asks before deciding ----

    public String id() {
        return id;
    }

    public long revision() {
        return revision;
    }

    boolean exists() {
        return id != null;
    }

    /** Whether an EDITOR's edits are kept as suggestions rather than applied. */
    public boolean suggesting() {
        return suggesting;
    }

    /** The open suggestions, oldest first. */
    public List<Suggestion> suggestions() {
        return List.copyOf(suggestions.values());
    }

    Optional<Suggestion> suggestion(String suggestionId) {
        return Optional.ofNullable(suggestions.get(suggestionId));
    }

    Identity identity() {
        return identity;
    }

    boolean hasFact(String key) {
        return facts.containsKey(key);
    }

    Optional<String> fact(String key) {
        return Optional.ofNullable(facts.get(key));
    }

    Optional<Section> findSection(String sectionId) {
        return allSections().filter(s -> s.id.equals(sectionId)).findFirst();
    }

    Optional<Claim> findClaim(String claimId) {
        return Optional.ofNullable(claims.get(claimId));
    }

    Optional<Source> findSource(String sourceId) {
        return Optional.ofNullable(sources.get(sourceId));
    }

    boolean hasConnection(String connectionId) {
        return connections.containsKey(connectionId);
    }

    /** The live claims that cite the source, by id. */
    List<String> claimsCiting(String sourceId) {
        return claims.values().stream().filter(claim -> !claim.retracted && claim.citations.contains(sourceId))
                .map(claim -> claim.id).sorted().toList();
    }

    int nextSourceNumber() {
        return lastSourceNumber + 1;
    }

    int siblingCount(Section section) {
        return siblingsOf(section).size();
    }

    int sectionCount(String parentId) {
        return parentId == null ? sections.size() : section(parentId).subsections.size();
    }

    int liveClaimCount(Section section) {
        return liveClaimIds(section).size();
    }

    boolean hasLiveContent(Section section) {
        return !section.subsections.isEmpty() || liveClaimCount(section) > 0;
    }

    /** The last changes of the elements last changed after {@code revision}. */
    Stream<Change> changesAfter(long revision) {
        return changes.values().stream().filter(change -> change.revision() > revision);
    }

    /**
     * The last change here of each aspect the event changes, by the key it is kept under (an aspect never changed is
     * left out): asked of the profile just before a change, what a batch undo counts the aspects as last changed by
     * once it took the change back.
     */
    public Map<String, Change> lastChangesOf(ProfileEvent event) {
        Map<String, Change> last = new HashMap<>();
        Touch.of(event).forEach(touch -> lastChange(touch).ifPresent(change -> last.put(touch.key(), change)));
        return last;
    }

    /** The last change to {@code touch}, if the element was ever changed. */
    Optional<Change> lastChange(Touch touch) {
        return Optional.ofNullable(changes.get(touch.key()));
    }

    // ---- views ----

    public ProfileView toView() {
        if (factsView == null) {
            factsView = facts.entrySet().stream().map(f -> new Fact(f.getKey(), f.getValue())).toList();
        }
        if (sourcesView == null) {
            sourcesView = List.copyOf(sources.values());
        }
        if (connectionsView == null) {
            connectionsView = List.copyOf(connections.values());
        }
        return new ProfileView(id, revision, identity, factsView, sections.stream().map(this::sectionView).toList(),
                sourcesView, connectionsView);
    }

    public ProfileDocument toDocument() {
        return new ProfileDocument(identity,
                facts.entrySet().stream().map(f -> new Fact(f.getKey(), f.getValue())).toList(),
                sections.stream().map(this::sectionDocument).toList(),
                List.copyOf(sources.values()), List.copyOf(connections.values()));
    }

    public Map<String, String> claimSections() {
        Map<String, String> sections = new HashMap<>();
        claims.values().forEach(claim -> sections.put(claim.id, claim.sectionId));
        return sections;
    }

    /** The retracted claims of the sections there are, in the order of the profile, each with its place. */
    public List<RetractedClaim> retractedClaims() {
        List<RetractedClaim> retracted = new ArrayList<>();
        allSections().forEach(section -> {
            int live = 0;
            for (String claimId : section.claimIds) {
                Claim claim = claims.get(claimId);
                if (!claim.retracted) {
                    live++;
                    continue;
                }
                Optional<Change> retraction = lastChange(Touch.claimPlace(claimId));
                retracted.add(new RetractedClaim(claimView(claim), section.id, live,
                        retraction.map(Change::revision).orElse(0L), retraction.map(Change::editor).orElse(null)));
            }
        });
        return retracted;
    }

    private SectionView sectionView(Section section) {
        SectionView view = sectionViews.get(section.id);
        if (view == null) {
            view = new SectionView(section.id, section.title, changeRevision(Touch.section(section.id)),
                    liveClaims(section).map(this::claimView).toList(),
                    section.subsections.stream().map(this::sectionView).toList());
            sectionViews.put(section.id, view);
        }
        return view;
    }

    private SectionDocument sectionDocument(Section section) {
        return new SectionDocument(section.id, section.title,
                liveClaims(section).map(c -> new ClaimDocument(c.id, c.kind, c.label, c.text, c.items,
                        List.copyOf(c.citations), c.url)).toList(),
                section.subsections.stream().map(this::sectionDocument).toList());
    }

    private ClaimView claimView(Claim claim) {
        ClaimView view = claimViews.get(claim.id);
        if (view == null) {
            long claimRevision = Touch.claimAspects(claim.id).mapToLong(this::changeRevision).max().orElse(0);
            view = new ClaimView(claim.id, claim.kind, claim.label, claim.text, claim.items,
                    List.copyOf(claim.citations), claim.url, claimRevision);
            claimViews.put(claim.id, view);
        }
        return view;
    }

    private long changeRevision(Touch touch) {
        return lastChange(touch).map(Change::revision).orElse(0L);
    }

    private Stream<Claim> liveClaims(Section section) {
        return liveClaimIds(section).stream().map(claims::get);
    }

    private List<String> liveClaimIds(Section section) {
        return section.claimIds.stream().filter(claimId -> !claims.get(claimId).retracted).toList();
    }

    private Stream<Section> allSections() {
        return sections.stream().flatMap(s -> Stream.concat(Stream.of(s), s.subsections.stream()));
    }

    private Section section(String sectionId) {
        return findSection(sectionId).orElseThrow();
    }

    private List<Section> siblingsOf(Section section) {
        return section.parentId == null ? sections : section(section.parentId).subsections;
    }
}
