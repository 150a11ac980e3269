package io.palimpsest.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.palimpsest.common.Ids;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One thing wrong with a profile's citations. A claim's problem names the claim (and, for a dangling citation, the
 * source id it cites that the profile no longer has); a source's problem names the source (and, for a duplicate, the
 * first source with the same URL).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CitationProblem(Kind kind, ClaimRef claim, String missingSourceId, SourceRef source,
                              SourceRef sameUrlAs) {

    public enum Kind {
        /** A live claim that cites no source and carries no link of its own. */
        UNCITED_CLAIM("uncited-claim"),
        /** A live claim citing a source the profile no longer has. */
        DANGLING_CITATION("dangling-citation"),
        /** A source no live claim cites. */
        UNUSED_SOURCE("unused-source"),
        /** A source with the same URL as a source numbered before it. */
        DUPLICATE_SOURCE("duplicate-source"),
        /** A source whose URL is not an absolute http or https URL. */
        NON_HTTP_URL("non-http-url");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }

        /** The kind a request names, by its wire name; a name that is none is a 400 naming them all. */
        static Kind named(String name) {
            return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst()
                    .orElseThrow(() -> new Ids.BadRequest("'" + name + "' is not a kind of citation problem; kinds: "
                            + Arrays.stream(values()).map(Kind::wireName).collect(Collectors.joining(", "))));
        }
    }

    /** The claim a problem is about, with the section it sits in and the start of its text. */
    public record ClaimRef(String id, String sectionId, String sectionTitle, String label, String excerpt) {
    }

    /** The source a problem is about. */
    public record SourceRef(String id, int number, String title, String url) {
    }

    static CitationProblem uncited(ClaimRef claim) {
        return new CitationProblem(Kind.UNCITED_CLAIM, claim, null, null, null);
    }

    static CitationProblem dangling(ClaimRef claim, String missingSourceId) {
        return new CitationProblem(Kind.DANGLING_CITATION, claim, missingSourceId, null, null);
    }

    static CitationProblem unused(SourceRef source) {
        return new CitationProblem(Kind.UNUSED_SOURCE, null, null, source, null);
    }

    static CitationProblem duplicate(SourceRef source, SourceRef first) {
        return new CitationProblem(Kind.DUPLICATE_SOURCE, null, null, source, first);
    }

    static CitationProblem nonHttp(SourceRef source) {
        return new CitationProblem(Kind.NON_HTTP_URL, null, null, source, null);
    }
}
