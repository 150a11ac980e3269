package io.palimpsest.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** The blame before a revision is kept as the lines the revision changed; putting them back gives it exactly. */
class BlameTest {

    private static Blame.Line line(String claimId, String lastBy, long revision, int revisions) {
        return new Blame.Line(claimId, "s1", true, "alice", Instant.EPOCH, 1, lastBy,
                Instant.EPOCH.plusSeconds(revision), revision, revisions, new TreeSet<>(List.of("alice", lastBy)));
    }

    private static Blame blame(Blame.Line... lines) {
        Map<String, Blame.Line> claims = new LinkedHashMap<>();
        for (Blame.Line line : lines) {
            claims.put(line.claimId(), line);
        }
        return new Blame(claims);
    }

    @Test
    void theLinesARevisionChangedPutBackGiveTheBlameBeforeIt() {
        Blame before = blame(line("a", "alice", 1, 1), line("b", "bob", 2, 2), line("c", "carol", 3, 1));
        Blame after = blame(line("a", "alice", 1, 1), line("b", "carol", 4, 3), line("c", "carol", 3, 1),
                line("d", "carol", 4, 1));

        Map<String, Blame.Line> changed = after.changedSince(before);

        assertThat(changed).containsOnlyKeys("b", "d");
        assertThat(changed.get("d")).isNull();
        Blame restored = after.withLines(changed);
        assertThat(restored).isEqualTo(before);
        assertThat(restored.claims().keySet()).containsExactly("a", "b", "c");
    }

    @Test
    void aBlameUnchangedByTheRevisionKeepsNoLines() {
        Blame same = blame(line("a", "alice", 1, 1));
        assertThat(same.changedSince(same)).isEmpty();
        assertThat(same.withLines(Map.of())).isEqualTo(same);
        assertThat(same.changedSince(Blame.NONE)).containsOnlyKeys("a");
    }
}
