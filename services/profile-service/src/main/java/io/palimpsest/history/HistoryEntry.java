package io.palimpsest.history;

import java.time.Instant;
import java.util.List;

/**
 * One applied edit: the revision it made, when, by whom, why, the events it stored (a revised claim
 * also says whether its text was an edit, a merge or a revert) and what it changed.
 */
record HistoryEntry(String profileId, long revision, Instant time, String editor, String summary,
                    List<String> events, ProfileDiff changes) {

    static String id(String profileId, long revision) {
        return profileId + "/" + revision;
    }

    String id() {
        return id(profileId, revision);
    }
}
