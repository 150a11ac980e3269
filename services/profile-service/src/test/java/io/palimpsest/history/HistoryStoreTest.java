package io.palimpsest.history;

import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryStoreTest extends ServiceTest {

    private static final Instant TIME = Instant.parse("2026-03-01T10:00:00Z");

    @Autowired
    HistoryStore store;

    @Test
    void anEntryWrittenAgainReplacesTheOneStoredWhileTheNewOnesOfItsBatchAreAdded() {
        String profileId = "stored-" + UUID.randomUUID().toString().substring(0, 8);
        HistoryStore.Writes first = store.writes();
        first.entry(UnchangedEntries.entry(profileId, "alice", 1, TIME, "begun"));
        store.save(first);

        HistoryStore.Writes second = store.writes();
        second.entry(UnchangedEntries.entry(profileId, "alice", 1, TIME, "finished"));
        second.entry(UnchangedEntries.entry(profileId, "bob", 2, TIME.plusSeconds(1), "next"));
        store.save(second);

        assertThat(store.entries(profileId, List.of(2L, 1L))).extracting(HistoryEntry::summary)
                .containsExactly("next", "finished");
    }
}
