package io.palimpsest.review;

import io.palimpsest.common.CitationRule;
import io.palimpsest.common.Ids;
import io.palimpsest.model.Source;
import io.palimpsest.model.api.ClaimView;
import io.palimpsest.model.api.ProfileView;
import io.palimpsest.model.api.SectionView;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What is wrong with a profile's citations, read from its current view, which holds live claims only: a retracted
 * claim is neither uncited nor a reason to keep a source.
 * <p>
 * Every kind of claim needs a citation — in the directory's pages paragraphs, bullets, numbered items and labelled
 * entries all state facts or positions — except a claim that carries its own URL: a reading-list entry, whose link
 * is where it comes from. A source without a URL (only a site, as the imported page gives them) is not a URL problem;
 * two sources have the same URL when they differ only in the case of the scheme and host, a trailing slash or the
 * fragment.
 */
final class CitationProblems {

    static final int EXCERPT_LENGTH = 120;

    private CitationProblems() {
    }

    static CitationReport of(ProfileView profile) {
        Map<String, Source> sources = profile.sources().stream()
                .collect(Collectors.toMap(Source::id, Function.identity()));
        Set<String> cited = new HashSet<>();
        List<CitationProblem> problems = new ArrayList<>();
        for (SectionView top : profile.sections()) {
            claimProblems(top, sources, cited, problems);
            top.subsections().forEach(section -> claimProblems(section, sources, cited, problems));
        }
        Map<String, CitationProblem.SourceRef> firstWithUrl = new HashMap<>();
        for (Source source : profile.sources()) {
            CitationProblem.SourceRef ref = new CitationProblem.SourceRef(source.id(), source.number(), source.title(),
                    source.url());
            if (!cited.contains(source.id())) {
                problems.add(CitationProblem.unused(ref));
            }
            if (source.url() != null && !source.url().isBlank()) {
                CitationProblem.SourceRef first = firstWithUrl.putIfAbsent(sameUrlKey(source.url()), ref);
                if (first != null) {
                    problems.add(CitationProblem.duplicate(ref, first));
                }
                if (!Ids.isWebLink(source.url())) {
                    problems.add(CitationProblem.nonHttp(ref));
                }
            }
        }
        return new CitationReport(profile.id(), profile.identity().name(), profile.revision(),
                CitationCounts.of(problems), problems);
    }

    private static void claimProblems(SectionView section, Map<String, Source> sources, Set<String> cited,
                                      List<CitationProblem> problems) {
        for (ClaimView claim : section.claims()) {
            cited.addAll(claim.citations());
            if (claim.citations().isEmpty() && needsCitation(claim)) {
                problems.add(CitationProblem.uncited(ref(section, claim)));
            }
            claim.citations().stream().filter(sourceId -> !sources.containsKey(sourceId))
                    .forEach(sourceId -> problems.add(CitationProblem.dangling(ref(section, claim), sourceId)));
        }
    }

    private static boolean needsCitation(ClaimView claim) {
        return CitationRule.needsCitation(claim.url());
    }

    private static CitationProblem.ClaimRef ref(SectionView section, ClaimView claim) {
        return new CitationProblem.ClaimRef(claim.id(), section.id(), section.title(), claim.label(),
                excerpt(claim.text()));
    }

    /** The text's first {@value #EXCERPT_LENGTH} characters or so, cut at a space. */
    static String excerpt(String text) {
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= EXCERPT_LENGTH) {
            return flat;
        }
        int space = flat.lastIndexOf(' ', EXCERPT_LENGTH);
        return flat.substring(0, space > EXCERPT_LENGTH / 2 ? space : EXCERPT_LENGTH) + "…";
    }

    /** The URL as two sources that point at the same page share it. */
    static String sameUrlKey(String url) {
        String trimmed = url.strip();
        try {
            URI uri = new URI(trimmed);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return trimmed;
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT)
                    + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (URISyntaxException e) {
            return trimmed;
        }
    }
}
