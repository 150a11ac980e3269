package io.palimpsest.streams;

import io.palimpsest.common.Ids;
import io.palimpsest.model.ProfileEvent;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which changes a consumer wants. Each named dimension must match (an empty one matches everything); within one,
 * any of the values does. The time range is half-open, {@code from <= time < to}, on the time the event was stored.
 */
record ChangeFilter(Set<String> profiles, Set<String> editors, Set<String> kinds, Set<String> sections,
                    Set<String> claims, Set<String> sources, Instant from, Instant to) {

    /** Every kind of change there is: the names of the events, so a new event is a new kind without more code. */
    static final Set<String> KINDS = Arrays.stream(ProfileEvent.class.getPermittedSubclasses())
            .map(Class::getSimpleName).collect(Collectors.toUnmodifiableSet());

    static final ChangeFilter EVERYTHING = new ChangeFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
            null, null);

    /** Checks and builds a filter from request parameters; anything malformed is a 400. */
    static ChangeFilter of(List<String> profiles, List<String> editors, List<String> kinds, List<String> sections,
                           List<String> claims, List<String> sources, String from, String to) {
        Set<String> kindSet = set(kinds);
        for (String kind : kindSet) {
            if (!KINDS.contains(kind)) {
                throw new Ids.BadRequest("'kind' must be one of " + KINDS.stream().sorted().toList() + ", not '" + kind + "'");
            }
        }
        Set<String> editorSet = set(editors);
        if (editorSet.contains("")) {
            throw new Ids.BadRequest("'editor' must name an editor, not be empty");
        }
        ChangeFilter filter = new ChangeFilter(
                set(profiles).stream().map(Ids::profile).collect(Collectors.toUnmodifiableSet()), editorSet, kindSet,
                elements(sections, "section id"), elements(claims, "claim id"), elements(sources, "source id"),
                Ids.instant(from, "from"), Ids.instant(to, "to"));
        if (filter.from != null && filter.to != null && !filter.from.isBefore(filter.to)) {
            throw new Ids.BadRequest("'from' must lie before 'to'");
        }
        return filter;
    }

    boolean matches(Change change) {
        return matches(profiles, change.profileId()) && matches(editors, change.editor())
                && matches(kinds, change.kind()) && matches(sections, change.sectionId())
                && matches(claims, change.claimId()) && matches(sources, change.sourceId())
                && (from == null || !change.time().isBefore(from)) && !isAfterRange(change.time());
    }

    /** Past the end of the range: nothing at or after this instant can match any more. */
    boolean isAfterRange(Instant time) {
        return to != null && !time.isBefore(to);
    }

    private static boolean matches(Set<String> wanted, String value) {
        return wanted.isEmpty() || value != null && wanted.contains(value);
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : values.stream().map(String::trim).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> elements(List<String> values, String what) {
        return set(values).stream().map(id -> Ids.element(id, what)).collect(Collectors.toUnmodifiableSet());
    }

}
