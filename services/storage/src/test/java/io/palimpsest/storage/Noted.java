package io.palimpsest.storage;

/** A minimal event payload for storage tests. */
record Noted(String text) {
}
