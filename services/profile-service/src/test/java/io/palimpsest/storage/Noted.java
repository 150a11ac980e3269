package io.palimpsest.storage;

/** A minimal event payload for storage tests (the storage module's tests have one of their own). */
record Noted(String text) {
}
