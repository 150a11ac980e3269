package io.palimpsest.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palimpsest.common.Ids;
import io.palimpsest.editing.CurrentProfiles;
import io.palimpsest.editing.ProfileReading;
import io.palimpsest.model.api.ProfileView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The citation integrity report (docs/review.md): of one profile, from its current view (read-your-writes as for the
 * profile itself), and across profiles, from {@link CitationReports}.
 */
@RestController
@RequestMapping("/api")
class CitationReportController {

    private static final int MAX_PAGE_SIZE = 100;

    private final ProfileReading reading;
    private final CitationReports reports;
    private final ObjectMapper json;

    CitationReportController(ProfileReading reading, CitationReports reports, ObjectMapper json) {
        this.reading = reading;
        this.reports = reports;
        this.json = json;
    }

    @GetMapping("/profiles/{profileId}/citation-report")
    CitationReport profile(@PathVariable String profileId, @RequestParam(required = false) Long minRevision)
            throws JsonProcessingException {
        CurrentProfiles.Stored stored = reading.current(Ids.profile(profileId), Ids.minRevision(minRevision));
        return CitationProblems.of(json.readValue(stored.viewJson(), ProfileView.class));
    }

    @GetMapping("/citation-report")
    CitationOverview acrossProfiles(@RequestParam(required = false) String kind,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw new Ids.BadRequest("'page' must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new Ids.BadRequest("'size' must be 1 to " + MAX_PAGE_SIZE);
        }
        CitationProblem.Kind problemKind = kind == null ? null : CitationProblem.Kind.named(kind);
        reading.awaitEveryAcknowledgedEdit("The citation report across profiles");
        return reports.overview(problemKind, page, size);
    }
}
