package io.palimpsest.model;

/**
 * Why a change may need a reviewer's eye: a stable {@code code} to filter on and a {@code sentence} for people.
 * Flags are data, so a new kind of risk needs no new event shape.
 */
public record RiskFlag(String code, String sentence) {
}
