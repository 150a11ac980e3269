package io.palimpsest.editing;

import io.palimpsest.model.api.ProfileView;

import java.util.List;

/**
 * A read model derived from the current profiles' views, kept by the current-profile projection: written in the
 * same batch as the profiles' documents and before them, so once the current-profile read model holds a revision of a
 * profile this one holds it too (and what read-your-writes waits for covers it); emptied with them, so a rebuild of
 * the current profiles rebuilds it. It needs no processor, token or replay of its own.
 */
public interface DerivedReadModel {

    /**
     * The writes that bring this read model to the profiles' views as they are now. Made at once and run later: in a
     * rebuild on another thread, while the sheets the views came from go on changing.
     */
    Runnable prepare(List<ProfileView> views);

    /** Empties it, as the current profiles are emptied for a rebuild. */
    void clear();
}
