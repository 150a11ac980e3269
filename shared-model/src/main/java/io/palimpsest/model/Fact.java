package io.palimpsest.model;

/** One key/value line of a profile's fact box, such as {@code Founded: 2024}. */
public record Fact(String key, String value) {
}
