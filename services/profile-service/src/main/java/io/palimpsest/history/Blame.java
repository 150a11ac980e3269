package io.palimpsest.history;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * For every claim a profile ever had: who created it and when, who changed it last, how many
 * revisions changed its content (its creation included) and everyone who touched it.
 */
record Blame(Map<String, Line> claims) {

    record Line(String claimId, String sectionId, boolean live, String createdBy, Instant createdAt,
                long createdRevision, String lastChangedBy, Instant lastChangedAt, long lastChangedRevision,
                int revisions, TreeSet<String> editors) {
    }

    static final Blame NONE = new Blame(Map.of());

    /** This blame with one more revision's changes. */
    Blame with(HistoryEntry entry) {
        Map<String, Line> next = new LinkedHashMap<>(claims);
        for (ProfileDiff.ClaimDelta delta : entry.changes().claims()) {
            Line line = next.get(delta.claimId());
            String section = delta.sectionAfter() != null ? delta.sectionAfter() : delta.sectionBefore();
            boolean live = !delta.aspects().contains(ProfileDiff.ClaimAspect.REMOVED);
            if (line == null) {
                next.put(delta.claimId(), new Line(delta.claimId(), section, live, entry.editor(), entry.time(),
                        entry.revision(), entry.editor(), entry.time(), entry.revision(), 1,
                        new TreeSet<>(List.of(entry.editor()))));
            } else {
                TreeSet<String> editors = new TreeSet<>(line.editors());
                editors.add(entry.editor());
                int revisions = line.revisions() + (delta.aspects().contains(ProfileDiff.ClaimAspect.CONTENT) ? 1 : 0);
                next.put(delta.claimId(), new Line(line.claimId(), section, live, line.createdBy(), line.createdAt(),
                        line.createdRevision(), entry.editor(), entry.time(), entry.revision(), revisions, editors));
            }
        }
        return new Blame(next);
    }

    /**
     * The lines in which {@code earlier} differs from this blame, as they were there (null: not there yet). Blame
     * only grows, so {@code earlier} is this blame with these lines put back.
     */
    Map<String, Line> changedSince(Blame earlier) {
        Map<String, Line> changed = new LinkedHashMap<>();
        claims.forEach((claimId, line) -> {
            Line before = earlier.claims().get(claimId);
            if (!line.equals(before)) {
                changed.put(claimId, before);
            }
        });
        return changed;
    }

    /** This blame with the given lines put back as they were (null: remove the line). */
    Blame withLines(Map<String, Line> earlierLines) {
        Map<String, Line> earlier = new LinkedHashMap<>(claims);
        earlierLines.forEach((claimId, line) -> {
            if (line == null) {
                earlier.remove(claimId);
            } else {
                earlier.put(claimId, line);
            }
        });
        return new Blame(earlier);
    }

    List<Line> live() {
        return claims.values().stream().filter(Line::live).toList();
    }
}
