package io.palimpsest.editing;

/**
 * Whether the current-profile read model is whole. While the read models are rebuilt from the event log it holds
 * only the profiles rebuilt so far, some of them at an earlier revision than their last: a list of it would leave
 * profiles out without saying so, and a profile read from it could be older than one read before the rebuild.
 */
public interface ReadModelRebuilds {

    /** Whether the current-profile read model is being rebuilt (from before it is emptied until it is whole). */
    boolean currentProfilesRebuilding();

    /**
     * Throws an exception answered as 503 "rebuilding" with Retry-After while the model is being rebuilt, saying that
     * {@code what} (a read across every profile) is.
     */
    void requireCurrentProfilesWhole(String what);
}
