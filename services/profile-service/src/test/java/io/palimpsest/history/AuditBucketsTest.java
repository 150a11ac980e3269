package io.palimpsest.history;

import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit keeps an editor's entries in buckets of ten seconds, found through the slots listed per hour: an audit
 * over a range finds every entry of it once, within and across buckets and hours, even after a batch was written
 * twice.
 */
class AuditBucketsTest extends ServiceTest {

    private static final Instant FIRST = Instant.parse("2026-03-01T09:59:30Z");
    private static final int ENTRIES = 12;

    @Autowired
    HistoryStore store;

    @Autowired
    HistoryQueries queries;

    @Test
    void anAuditFindsEveryEntryOnceWithinAndAcrossBucketsAndHoursAfterABatchWasWrittenTwice() {
        String editor = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
        HistoryStore.Writes writes = store.writes();
        // Every 7 s from 09:59:30 to 10:00:47: some ten seconds hold two entries, and the hour changes.
        LongStream.rangeClosed(1, ENTRIES).forEach(revision ->
                writes.entry(entry(editor, revision, FIRST.plusSeconds(7 * (revision - 1)))));
        store.save(writes);
        store.save(writes); // as a batch delivered again after a crash before its token was stored

        HistoryQueries.AuditPage all = queries.audit(editor, FIRST, FIRST.plusSeconds(3600), 0, 100);
        assertThat(all.total()).isEqualTo(ENTRIES);
        assertThat(all.entries()).extracting(HistoryEntry::revision)
                .containsExactlyElementsOf(LongStream.iterate(ENTRIES, r -> r - 1).limit(ENTRIES).boxed().toList());

        HistoryQueries.AuditPage around = queries.audit(editor, Instant.parse("2026-03-01T09:59:59Z"),
                Instant.parse("2026-03-01T10:01:00Z"), 0, 100);
        assertThat(around.entries()).extracting(HistoryEntry::time)
                .allMatch(time -> !time.isBefore(Instant.parse("2026-03-01T09:59:59Z"))
                        && !time.isAfter(Instant.parse("2026-03-01T10:01:00Z")))
                .hasSize(7);

        HistoryQueries.AuditPage oneBucket = queries.audit(editor, Instant.parse("2026-03-01T10:00:11Z"),
                Instant.parse("2026-03-01T10:00:19Z"), 0, 100);
        assertThat(oneBucket.entries()).extracting(HistoryEntry::time).containsExactly(
                Instant.parse("2026-03-01T10:00:19Z"), Instant.parse("2026-03-01T10:00:12Z"));
    }

    private static HistoryEntry entry(String editor, long revision, Instant time) {
        return UnchangedEntries.entry("audited-" + editor, editor, revision, time, "edit " + revision);
    }
}
