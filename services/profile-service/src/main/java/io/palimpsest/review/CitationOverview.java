package io.palimpsest.review;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The citation report across profiles: totals over every profile, and one page of the profiles with problems (of
 * {@code kind}, when one is named), most problems first, each with its counts and its first problems.
 *
 * @param matching how many profiles have problems (of {@code kind}): the pages hold them all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CitationOverview(Totals totals, String kind, int page, int size, int matching, List<Entry> profiles) {

    /** Over every profile: how many there are, how many have a problem, and the problems of each kind. */
    public record Totals(int profiles, int profilesWithProblems, CitationCounts problems) {
    }

    /**
     * A profile on the page: its counts, its first problems (of {@code kind}), and how many more its own report has.
     */
    public record Entry(String profileId, String name, CitationCounts counts, List<CitationProblem> problems,
                        int moreProblems) {
    }
}
