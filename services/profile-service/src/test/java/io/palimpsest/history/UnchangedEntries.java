package io.palimpsest.history;

import io.palimpsest.editing.ProfileSheet;
import io.palimpsest.model.Identity;
import io.palimpsest.model.ProfileEvent;

import java.time.Instant;
import java.util.List;

/** History entries that change nothing, for tests of how entries are stored and found. */
final class UnchangedEntries {

    private UnchangedEntries() {
    }

    static HistoryEntry entry(String profileId, String editor, long revision, Instant time, String summary) {
        ProfileSheet sheet = new ProfileSheet();
        sheet.apply(new ProfileEvent.ProfileCreated(profileId, 1, new Identity("Audited", null, "company", null)),
                editor);
        return new HistoryEntry(profileId, revision, time, editor, summary, List.of("FactSet"),
                ProfileDiff.between(sheet.toView(), sheet.toView()));
    }
}
