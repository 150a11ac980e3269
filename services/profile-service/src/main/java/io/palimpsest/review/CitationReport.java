package io.palimpsest.review;

import java.util.List;

/**
 * A profile's citation problems at a revision, in the order of the profile: its claims' (section by section), then
 * its sources' (by number).
 */
public record CitationReport(String profileId, String name, long revision, CitationCounts counts,
                             List<CitationProblem> problems) {

    public CitationReport {
        problems = List.copyOf(problems);
    }
}
