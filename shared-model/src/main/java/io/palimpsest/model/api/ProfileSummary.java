package io.palimpsest.model.api;

/** One line of the profile list. */
public record ProfileSummary(String id, String name, String shortName, String category, String tagline,
                             long revision) {
}
