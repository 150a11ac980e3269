package io.palimpsest.streams;

import java.util.List;

/**
 * The filter parameters of the stream and the feed, as the request gives them: each may be repeated or
 * comma-separated ({@code ?profile=acme,beta&kind=ClaimRevised}). A webhook's {@code filters} are the same, as JSON
 * ({@code {"profile": ["acme", "beta"], "kind": ["ClaimRevised"]}}).
 */
record ChangeQuery(List<String> profile, List<String> editor, List<String> kind, List<String> section,
                   List<String> claim, List<String> source, String from, String to) {

    /** No filter: every change. */
    static final ChangeQuery EVERYTHING = new ChangeQuery(null, null, null, null, null, null, null, null);

    ChangeFilter filter() {
        return ChangeFilter.of(profile, editor, kind, section, claim, source, from, to);
    }
}
