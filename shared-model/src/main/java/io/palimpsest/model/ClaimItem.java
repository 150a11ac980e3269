package io.palimpsest.model;

/** A labelled sub-item of a claim, such as a Key Assumption's {@code Evidence for: ...}. */
public record ClaimItem(String label, String text) {
}
