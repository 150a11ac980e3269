package io.palimpsest.streams;

import io.palimpsest.editing.ProfileReading;

import java.util.HashMap;
import java.util.Map;

/**
 * Which section each claim of a profile sits in now, read once per profile for one answer: a change to a claim
 * names the claim, and a section's watch asks where it is.
 */
final class ClaimPlaces {

    private final ProfileReading reading;
    private final Map<String, Map<String, String>> sections = new HashMap<>();

    ClaimPlaces(ProfileReading reading) {
        this.reading = reading;
    }

    String sectionOf(String profileId, String claimId) {
        return sections.computeIfAbsent(profileId, id -> reading.claimSections(id, 0)).get(claimId);
    }
}
