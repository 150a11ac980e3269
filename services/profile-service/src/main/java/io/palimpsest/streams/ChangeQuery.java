package io.palimpsest.streams;

import java.util.List;

/**
 * The filter parameters of the stream and the feed, as the request gives them: each may be repeated or
 * comma-separated ({@code ?profile=acme,beta&kind=ClaimRevised}).
 */
record ChangeQuery(List<String> profile, List<String> editor, List<String> kind, List<String> section,
                   List<String> claim, List<String> source, String from, String to) {

    ChangeFilter filter() {
        return ChangeFilter.of(profile, editor, kind, section, claim, source, from, to);
    }
}
