package io.palimpsest.editing;

/**
 * Whether the current-profile read model is whole. While the read models are rebuilt from the event log it holds
 * only the profiles rebuilt so far, and a list of it would leave the others out without saying so.
 */
public interface ReadModelRebuilds {

    /** Throws an exception answered as 503 "rebuilding" with Retry-After while the model is being rebuilt. */
    void requireCurrentProfilesWhole();
}
