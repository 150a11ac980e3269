package io.palimpsest.history;

import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revision a profile had at an instant is found over many revisions (several rounds of looking revisions up),
 * with revisions that share a time, and before the first and after the last: a history range from one instant to
 * another holds exactly the revisions made within it.
 */
class RevisionAtInstantTest extends ServiceTest {

    private static final int REVISIONS = 1_000;
    private static final Instant FIRST = Instant.parse("2026-03-01T00:00:00Z");

    @Autowired
    HistoryStore store;

    @Autowired
    HistoryQueries queries;

    @Test
    void aRangeOfInstantsHoldsExactlyTheRevisionsMadeWithinIt() {
        String profileId = "instants-" + UUID.randomUUID().toString().substring(0, 8);
        HistoryStore.Writes writes = store.writes();
        LongStream.rangeClosed(1, REVISIONS).forEach(revision -> writes.entry(UnchangedEntries.entry(profileId,
                "ada", revision, time(revision), "edit " + revision)));
        writes.track(profileId, new HistoryStore.Track(REVISIONS, REVISIONS, Blame.NONE, Blame.NONE));
        store.save(writes);

        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            long fromSecond = random.nextInt(REVISIONS / 2 + 20) - 10;
            long toSecond = fromSecond + random.nextInt(REVISIONS / 2 + 20);
            Instant from = FIRST.plusSeconds(fromSecond);
            Instant to = FIRST.plusSeconds(toSecond);
            long expected = LongStream.rangeClosed(1, REVISIONS)
                    .filter(r -> !time(r).isBefore(from) && !time(r).isAfter(to)).count();

            HistoryQueries.Page<HistoryEntry> page = queries.history(profileId, 0,
                    new HistoryQueries.Filter(null, null, null, from, to), 0, 1);

            assertThat(page.total()).as("revisions from %s to %s", from, to).isEqualTo(expected);
        }
    }

    /** Two revisions a second, so that an instant falls on a pair of revisions made at the same time. */
    private static Instant time(long revision) {
        return FIRST.plusSeconds(revision / 2);
    }
}
