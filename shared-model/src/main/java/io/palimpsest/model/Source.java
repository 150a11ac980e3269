package io.palimpsest.model;

/**
 * A numbered source that claims cite. Numbers are never reused, so a citation number stays
 * meaningful after other sources are removed.
 */
public record Source(String id, int number, String title, String url, String site) {
}
