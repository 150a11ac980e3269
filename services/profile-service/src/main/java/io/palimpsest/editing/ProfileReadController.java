package io.palimpsest.editing;

import io.palimpsest.common.Ids;
import io.palimpsest.model.api.ProfileSummary;
import io.palimpsest.model.api.RetractedClaim;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The current profiles. {@code ?minRevision=N} waits briefly until the projection has caught up to N. */
@RestController
@RequestMapping("/api/profiles")
class ProfileReadController {

    private final ProfileReading reading;

    ProfileReadController(ProfileReading reading) {
        this.reading = reading;
    }

    @GetMapping
    List<ProfileSummary> list() {
        return reading.list();
    }

    @GetMapping(value = "/{profileId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> profile(@PathVariable String profileId, @RequestParam(required = false) Long minRevision) {
        CurrentProfiles.Stored stored = reading.current(Ids.profile(profileId), Ids.minRevision(minRevision));
        return ResponseEntity.ok().eTag("\"" + stored.revision() + "\"").body(stored.viewJson());
    }

    /** What a restore can bring back: the claims retracted from the profile's sections. */
    @GetMapping("/{profileId}/retracted-claims")
    List<RetractedClaim> retractedClaims(@PathVariable String profileId,
                                         @RequestParam(required = false) Long minRevision) {
        return reading.retractedClaims(Ids.profile(profileId), Ids.minRevision(minRevision));
    }
}
