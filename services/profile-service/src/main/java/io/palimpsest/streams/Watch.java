package io.palimpsest.streams;

import io.palimpsest.common.Ids;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One thing a user watches: a whole profile; a section, claim or source of one; or an editor, anywhere or in one
 * profile; each with the kinds of change wanted (none named: every kind). A claim is watched by its id, so the watch
 * follows it wherever it moves; a section's watch also takes the changes of the claims in it now.
 */
record Watch(String id, String profile, String section, String claim, String source, String editor,
             Set<String> kinds, Instant since) {

    /** Checks a new watch; anything malformed or incomplete is a 400 naming the field. */
    static Watch of(String id, NewWatch wanted, Instant now) {
        String profile = wanted.profile() == null ? null : Ids.profile(wanted.profile());
        String editor = wanted.editor() == null ? null : Ids.required(wanted.editor().trim(), "editor");
        long parts = Stream.of(wanted.section(), wanted.claim(), wanted.source()).filter(part -> part != null).count();
        if (parts > 1) {
            throw new Ids.BadRequest("A watch names at most one of 'section', 'claim' and 'source'");
        }
        if (parts == 1 && profile == null) {
            throw new Ids.BadRequest("A section, claim or source is watched in a 'profile': name it");
        }
        if (profile == null && editor == null) {
            throw new Ids.BadRequest("A watch names a 'profile' (with a 'section', 'claim' or 'source' of it, or none) "
                    + "or an 'editor'");
        }
        Set<String> kinds = wanted.kinds() == null ? Set.of() : Set.copyOf(wanted.kinds());
        for (String kind : kinds) {
            if (!ChangeFilter.KINDS.contains(kind)) {
                throw new Ids.BadRequest("'kinds' must be among " + ChangeFilter.KINDS.stream().sorted().toList()
                        + ", not '" + kind + "'");
            }
        }
        return new Watch(id, profile, Ids.optionalElement(wanted.section(), "section id"),
                Ids.optionalElement(wanted.claim(), "claim id"), Ids.optionalElement(wanted.source(), "source id"),
                editor, kinds, now);
    }

    boolean matches(Change change, ClaimPlaces places) {
        return (profile == null || profile.equals(change.profileId()))
                && (editor == null || editor.equals(change.editor()))
                && (kinds.isEmpty() || kinds.contains(change.kind()))
                && (claim == null || claim.equals(change.claimId()))
                && (source == null || source.equals(change.sourceId()))
                && (section == null || section.equals(change.sectionId()) || change.sectionId() == null
                        && change.claimId() != null && section.equals(places.sectionOf(profile, change.claimId())));
    }
}
