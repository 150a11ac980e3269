package io.palimpsest.storage;

/**
 * Makes the caller's preceding writes survive a crash. Call after a write and before acknowledging it.
 */
@FunctionalInterface
public interface Durability {

    /** For stores whose write acknowledgement already implies durability (MongoDB write concern) or that keep nothing. */
    Durability NONE = () -> {
    };

    void awaitDurable();
}
