package io.palimpsest.review;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.bson.Document;

import java.util.List;

/** How many problems of each kind, and in all. */
@JsonIgnoreProperties(value = "total", allowGetters = true)
public record CitationCounts(int uncitedClaims, int danglingCitations, int unusedSources, int duplicateSources,
                             int nonHttpUrls) {

    static final CitationCounts NONE = new CitationCounts(0, 0, 0, 0, 0);

    static CitationCounts of(List<CitationProblem> problems) {
        int[] counts = new int[CitationProblem.Kind.values().length];
        problems.forEach(problem -> counts[problem.kind().ordinal()]++);
        return new CitationCounts(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    @JsonProperty
    public int total() {
        return uncitedClaims + danglingCitations + unusedSources + duplicateSources + nonHttpUrls;
    }

    /** The problems of {@code kind}; of every kind when it is null. */
    int of(CitationProblem.Kind kind) {
        if (kind == null) {
            return total();
        }
        return switch (kind) {
            case UNCITED_CLAIM -> uncitedClaims;
            case DANGLING_CITATION -> danglingCitations;
            case UNUSED_SOURCE -> unusedSources;
            case DUPLICATE_SOURCE -> duplicateSources;
            case NON_HTTP_URL -> nonHttpUrls;
        };
    }

    CitationCounts plus(CitationCounts other) {
        return new CitationCounts(uncitedClaims + other.uncitedClaims, danglingCitations + other.danglingCitations,
                unusedSources + other.unusedSources, duplicateSources + other.duplicateSources,
                nonHttpUrls + other.nonHttpUrls);
    }

    Document toDocument() {
        return new Document("uncitedClaims", uncitedClaims).append("danglingCitations", danglingCitations)
                .append("unusedSources", unusedSources).append("duplicateSources", duplicateSources)
                .append("nonHttpUrls", nonHttpUrls);
    }

    static CitationCounts from(Document document) {
        return new CitationCounts(document.getInteger("uncitedClaims", 0), document.getInteger("danglingCitations", 0),
                document.getInteger("unusedSources", 0), document.getInteger("duplicateSources", 0),
                document.getInteger("nonHttpUrls", 0));
    }
}
