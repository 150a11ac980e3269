package io.palimpsest.model;

/** Who the profile is about: the organisation's names, its category and a one-line tagline. */
public record Identity(String name, String shortName, String category, String tagline) {
}
