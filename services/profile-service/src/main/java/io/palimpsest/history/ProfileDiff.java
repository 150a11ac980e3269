package io.palimpsest.history;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import io.palimpsest.model.Connection;
import io.palimpsest.model.Fact;
import io.palimpsest.model.Identity;
import io.palimpsest.model.Source;
import io.palimpsest.model.api.ClaimView;
import io.palimpsest.model.api.ProfileView;
import io.palimpsest.model.api.SectionView;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What changed between two states of a profile, element by element. History entries hold the diff of
 * one revision against the one before; {@code GET /diff} compares any two. Retracted claims are not
 * part of a profile's view, so a retraction shows as a claim REMOVED and a restoration as ADDED.
 */
record ProfileDiff(Change<Identity> identity, List<Change<Fact>> facts, List<SectionDelta> sections,
                   List<ClaimDelta> claims, List<Change<Source>> sources, List<Change<Connection>> connections) {

    enum Kind { ADDED, REMOVED, CHANGED }

    /** An element that appeared, went away or changed; {@code id} names it (a fact by its key). */
    record Change<T>(String id, Kind kind, T before, T after) {
    }

    enum SectionAspect { ADDED, REMOVED, RENAMED, MOVED }

    record SectionDelta(String sectionId, Set<SectionAspect> aspects, String titleBefore, String titleAfter,
                        String parentBefore, String parentAfter) {
    }

    enum ClaimAspect { ADDED, REMOVED, CONTENT, MOVED, CITATIONS }

    /** A claim's change: its content (with a word diff of the text), its place, its citations. */
    record ClaimDelta(String claimId, Set<ClaimAspect> aspects, String sectionBefore, String sectionAfter,
                      Integer positionBefore, Integer positionAfter, ClaimView before, ClaimView after,
                      TextDiff textDiff, List<String> cited, List<String> uncited) {
    }

    boolean isEmpty() {
        return identity == null && facts.isEmpty() && sections.isEmpty() && claims.isEmpty() && sources.isEmpty()
                && connections.isEmpty();
    }

    /** The ids of the claims this diff touches and of the sections it touches or touches claims in. */
    Set<String> claimIds() {
        Set<String> ids = new HashSet<>();
        claims.forEach(c -> ids.add(c.claimId()));
        return ids;
    }

    Set<String> sectionIds() {
        Set<String> ids = new HashSet<>();
        sections.forEach(s -> ids.add(s.sectionId()));
        claims.forEach(c -> Stream.of(c.sectionBefore(), c.sectionAfter()).filter(Objects::nonNull).forEach(ids::add));
        return ids;
    }

    static ProfileDiff between(ProfileView before, ProfileView after) {
        Change<Identity> identity = Objects.equals(before.identity(), after.identity()) ? null
                : new Change<>("identity", before.identity() == null ? Kind.ADDED : Kind.CHANGED, before.identity(),
                after.identity());
        Map<String, PlacedSection> oldSections = placedSections(before);
        Map<String, PlacedSection> newSections = placedSections(after);
        return new ProfileDiff(identity,
                changes(before.facts(), after.facts(), Fact::key),
                sections(oldSections, newSections),
                claims(oldSections, newSections),
                changes(before.sources(), after.sources(), Source::id),
                changes(before.connections(), after.connections(), Connection::id));
    }

    private static <T> List<Change<T>> changes(List<T> before, List<T> after, Function<T, String> id) {
        if (before == after) {
            return List.of();
        }
        Map<String, T> old = index(before, id);
        Map<String, T> now = index(after, id);
        List<Change<T>> changes = new ArrayList<>();
        old.forEach((key, value) -> {
            if (!now.containsKey(key)) {
                changes.add(new Change<>(key, Kind.REMOVED, value, null));
            } else if (!now.get(key).equals(value)) {
                changes.add(new Change<>(key, Kind.CHANGED, value, now.get(key)));
            }
        });
        now.forEach((key, value) -> {
            if (!old.containsKey(key)) {
                changes.add(new Change<>(key, Kind.ADDED, null, value));
            }
        });
        return changes;
    }

    private record PlacedSection(SectionView section, String parentId) {
    }

    private static List<SectionDelta> sections(Map<String, PlacedSection> old, Map<String, PlacedSection> now) {
        Set<String> moved = reordered(List.copyOf(old.keySet()), List.copyOf(now.keySet()));
        List<SectionDelta> deltas = new ArrayList<>();
        Stream.concat(old.keySet().stream(), now.keySet().stream().filter(id -> !old.containsKey(id))).forEach(id -> {
            PlacedSection was = old.get(id);
            PlacedSection is = now.get(id);
            Set<SectionAspect> aspects = new TreeSet<>();
            if (was == null) {
                aspects.add(SectionAspect.ADDED);
            } else if (is == null) {
                aspects.add(SectionAspect.REMOVED);
            } else {
                if (!was.section().title().equals(is.section().title())) {
                    aspects.add(SectionAspect.RENAMED);
                }
                if (!Objects.equals(was.parentId(), is.parentId()) || moved.contains(id)) {
                    aspects.add(SectionAspect.MOVED);
                }
            }
            if (!aspects.isEmpty()) {
                deltas.add(new SectionDelta(id, aspects, was == null ? null : was.section().title(),
                        is == null ? null : is.section().title(), was == null ? null : was.parentId(),
                        is == null ? null : is.parentId()));
            }
        });
        return deltas;
    }

    private static Map<String, PlacedSection> placedSections(ProfileView view) {
        Map<String, PlacedSection> placed = new LinkedHashMap<>();
        for (SectionView top : view.sections()) {
            placed.put(top.id(), new PlacedSection(top, null));
            top.subsections().forEach(sub -> placed.put(sub.id(), new PlacedSection(sub, top.id())));
        }
        return placed;
    }

    private record PlacedClaim(ClaimView claim, String sectionId, int position) {
    }

    /**
     * Claims are compared section by section, and only in sections whose view is not the very same instance
     * before and after: a sheet hands out unchanged sections again, so one revision costs what it touched.
     */
    private static List<ClaimDelta> claims(Map<String, PlacedSection> oldSections,
                                           Map<String, PlacedSection> newSections) {
        Set<String> changedSections = new LinkedHashSet<>();
        Stream.concat(oldSections.keySet().stream(), newSections.keySet().stream()).forEach(id -> {
            if (section(oldSections.get(id)) != section(newSections.get(id))) {
                changedSections.add(id);
            }
        });
        Map<String, PlacedClaim> old = placedClaims(oldSections, changedSections);
        Map<String, PlacedClaim> now = placedClaims(newSections, changedSections);
        Set<String> moved = new HashSet<>();
        for (String sectionId : changedSections) {
            moved.addAll(reordered(claimIds(oldSections.get(sectionId)), claimIds(newSections.get(sectionId))));
        }
        List<ClaimDelta> deltas = new ArrayList<>();
        Stream.concat(old.keySet().stream(), now.keySet().stream().filter(id -> !old.containsKey(id))).forEach(id -> {
            PlacedClaim was = old.get(id);
            PlacedClaim is = now.get(id);
            Set<ClaimAspect> aspects = new TreeSet<>();
            List<String> cited = List.of();
            List<String> uncited = List.of();
            TextDiff text = null;
            if (was == null) {
                aspects.add(ClaimAspect.ADDED);
            } else if (is == null) {
                aspects.add(ClaimAspect.REMOVED);
            } else {
                ClaimView a = was.claim();
                ClaimView b = is.claim();
                // A sheet hands out an unchanged claim's view again: the same instance has the same content.
                if (a != b && (!Objects.equals(a.text(), b.text()) || !Objects.equals(a.label(), b.label())
                        || !Objects.equals(a.items(), b.items()) || a.kind() != b.kind()
                        || !Objects.equals(a.url(), b.url()))) {
                    aspects.add(ClaimAspect.CONTENT);
                    text = Objects.equals(a.text(), b.text()) ? null : TextDiff.between(a.text(), b.text());
                }
                if (!was.sectionId().equals(is.sectionId()) || moved.contains(id)) {
                    aspects.add(ClaimAspect.MOVED);
                }
                if (a != b) {
                    cited = b.citations().stream().filter(s -> !a.citations().contains(s)).toList();
                    uncited = a.citations().stream().filter(s -> !b.citations().contains(s)).toList();
                }
                if (!cited.isEmpty() || !uncited.isEmpty()) {
                    aspects.add(ClaimAspect.CITATIONS);
                }
            }
            if (!aspects.isEmpty()) {
                deltas.add(new ClaimDelta(id, aspects, was == null ? null : was.sectionId(),
                        is == null ? null : is.sectionId(), was == null ? null : was.position(),
                        is == null ? null : is.position(), was == null ? null : was.claim(),
                        is == null ? null : is.claim(), text, cited, uncited));
            }
        });
        return deltas;
    }

    private static SectionView section(PlacedSection placed) {
        return placed == null ? null : placed.section();
    }

    private static List<String> claimIds(PlacedSection placed) {
        return placed == null ? List.of() : placed.section().claims().stream().map(ClaimView::id).toList();
    }

    private static Map<String, PlacedClaim> placedClaims(Map<String, PlacedSection> sections, Set<String> only) {
        Map<String, PlacedClaim> placed = new LinkedHashMap<>();
        for (String sectionId : only) {
            PlacedSection section = sections.get(sectionId);
            List<ClaimView> claims = section == null ? List.of() : section.section().claims();
            for (int i = 0; i < claims.size(); i++) {
                placed.put(claims.get(i).id(), new PlacedClaim(claims.get(i), sectionId, i));
            }
        }
        return placed;
    }

    /**
     * Elements present in both orders whose relative order changed: those outside a longest common
     * subsequence. Inserting one claim shifts the positions of those after it without moving them, and moving a
     * section moves the section, not its claims.
     */
    private static Set<String> reordered(List<String> before, List<String> after) {
        if (before.equals(after)) {
            return Set.of();
        }
        Set<String> common = new HashSet<>(before);
        common.retainAll(new HashSet<>(after));
        List<String> oldOrder = before.stream().filter(common::contains).toList();
        List<String> newOrder = after.stream().filter(common::contains).toList();
        Set<String> moved = new HashSet<>();
        for (AbstractDelta<String> delta : DiffUtils.diff(oldOrder, newOrder).getDeltas()) {
            moved.addAll(delta.getTarget().getLines());
        }
        return moved;
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> id) {
        Map<String, T> index = new LinkedHashMap<>();
        items.forEach(item -> index.put(id.apply(item), item));
        return index;
    }
}
