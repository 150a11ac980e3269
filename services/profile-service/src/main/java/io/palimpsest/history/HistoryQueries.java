package io.palimpsest.history;

import io.palimpsest.common.Ids;
import io.palimpsest.editing.AcknowledgedEdits;
import io.palimpsest.model.api.ProfileView;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Answers history questions from the read models: pages of entries (all of them newest first, or
 * filtered through the index buckets), a claim's life, blame, audit, and the profile at any revision
 * or instant (checkpoint plus events, see {@link SheetFolder}).
 */
@Service
class HistoryQueries {

    static final Duration MAX_AUDIT_SPAN = Duration.ofDays(366);
    private static final int PROBES = 32;

    private final HistoryStore store;
    private final SheetFolder folder;
    private final Replays replays;
    private final AcknowledgedEdits acknowledged;

    HistoryQueries(HistoryStore store, SheetFolder folder, Replays replays, AcknowledgedEdits acknowledged) {
        this.store = store;
        this.folder = folder;
        this.replays = replays;
        this.acknowledged = acknowledged;
    }

    record Filter(String claimId, String sectionId, String editor, Instant from, Instant to) {
        Filter {
            if (from != null && to != null && from.isAfter(to)) {
                throw new Ids.BadRequest("'from' must lie before 'to'");
            }
        }
    }

    record Page<T>(String profileId, long revision, int page, int size, long total, List<T> entries) {
    }

    /** An editor's entries across profiles in the range searched: {@code from} and {@code to}, defaults filled in. */
    record AuditPage(String editor, Instant from, Instant to, int page, int size, long total,
                     List<HistoryEntry> entries) {
    }

    record ClaimStep(long revision, Instant time, String editor, String summary, List<String> events,
                     ProfileDiff.ClaimDelta change) {
    }

    record BlameView(String profileId, long revision, List<Blame.Line> claims) {
    }

    /** A timeslider's step: the profile at a revision, the edit that made it, and the newest revision to step to. */
    record Step(ProfileView profile, HistoryEntry edit, long latestRevision) {
    }

    Page<HistoryEntry> history(String profileId, long minRevision, Filter filter, int page, int size) {
        long head = head(profileId, minRevision);
        long low = filter.from() == null ? 1 : revisionAt(profileId, head, filter.from().minusNanos(1)) + 1;
        long high = filter.to() == null ? head : revisionAt(profileId, head, filter.to());
        NavigableSet<Long> candidates = narrow(null, profileId, head, "claim", filter.claimId());
        candidates = narrow(candidates, profileId, head, "section", filter.sectionId());
        candidates = narrow(candidates, profileId, head, "editor", filter.editor());
        List<Long> newestFirst = new ArrayList<>();
        long total;
        long skip = (long) page * size;
        if (candidates == null) {
            total = Math.max(0, high - low + 1);
            for (long r = high - skip; r >= low && newestFirst.size() < size; r--) {
                newestFirst.add(r);
            }
        } else {
            NavigableSet<Long> inRange = candidates.subSet(low, true, high, true).descendingSet();
            total = inRange.size();
            inRange.stream().skip(skip).limit(size).forEach(newestFirst::add);
        }
        return new Page<>(profileId, head, page, size, total, store.entries(profileId, newestFirst));
    }

    private NavigableSet<Long> narrow(NavigableSet<Long> candidates, String profileId, long head, String kind,
                                      String key) {
        if (key == null) {
            return candidates;
        }
        TreeSet<Long> revisions = store.revisions(profileId, kind, key, head);
        if (candidates != null) {
            revisions.retainAll(candidates);
        }
        return revisions;
    }

    List<ClaimStep> claimHistory(String profileId, long minRevision, String claimId) {
        long head = head(profileId, minRevision);
        TreeSet<Long> revisions = store.revisions(profileId, "claim", claimId, head);
        if (revisions.isEmpty()) {
            throw new NotInHistory("Profile '" + profileId + "' never had a claim '" + claimId + "'");
        }
        return store.entries(profileId, List.copyOf(revisions)).stream().map(entry -> new ClaimStep(entry.revision(),
                entry.time(), entry.editor(), entry.summary(), entry.events(), entry.changes().claims().stream()
                .filter(c -> c.claimId().equals(claimId)).findFirst().orElseThrow())).toList();
    }

    BlameView blame(String profileId, long minRevision) {
        head(profileId, minRevision);
        HistoryStore.HeadBlame head = store.blame(profileId).orElseThrow(() -> unknown(profileId));
        return new BlameView(profileId, head.revision(), head.blame().live());
    }

    /** One claim's blame line, retracted or not: who created it, who changed it last, how often. */
    Blame.Line claimBlame(String profileId, long minRevision, String claimId) {
        head(profileId, minRevision);
        HistoryStore.HeadBlame head = store.blame(profileId).orElseThrow(() -> unknown(profileId));
        Blame.Line line = head.blame().claims().get(claimId);
        if (line == null) {
            throw new NotInHistory("Profile '" + profileId + "' never had a claim '" + claimId + "'");
        }
        return line;
    }

    /** An editor's entries across profiles, once the history holds every edit acknowledged on this node. */
    AuditPage audit(String editor, Instant from, Instant to, int page, int size) {
        Instant end = to != null ? to : Instant.now();
        Instant start = from != null ? from : end.minus(Duration.ofDays(7));
        List<HistoryStore.AuditMark> marks = auditMarks(editor, start, end, "'from' must lie before 'to'");
        List<String> onPage = marks.stream().skip((long) page * size).limit(size)
                .map(HistoryStore.AuditMark::entryId).toList();
        return new AuditPage(editor, start, end, page, size, marks.size(), store.entries(onPage));
    }

    /**
     * The marks of the editor's entries made from {@code start} to {@code end} (both included), newest first, once
     * the history holds every edit acknowledged on this node; a range backwards or too long is refused, saying
     * {@code backwards}.
     */
    List<HistoryStore.AuditMark> auditMarks(String editor, Instant start, Instant end, String backwards) {
        replays.requireServing();
        if (start.isAfter(end) || Duration.between(start, end).compareTo(MAX_AUDIT_SPAN) > 0) {
            throw new Ids.BadRequest(backwards + ", at most " + MAX_AUDIT_SPAN.toDays() + " days apart");
        }
        for (String profileId : acknowledged.profilesAwaited(AcknowledgedEdits.ReadModel.HISTORY)) {
            head(profileId, 0);
        }
        List<Instant> hours = new ArrayList<>();
        for (Instant hour = HistoryStore.hour(start); !hour.isAfter(end); hour = hour.plus(Duration.ofHours(1))) {
            hours.add(hour);
        }
        return store.auditMarks(editor, hours).stream()
                .filter(m -> !m.time().isBefore(start) && !m.time().isAfter(end))
                .sorted(Comparator.comparing(HistoryStore.AuditMark::time).reversed()
                        .thenComparing(HistoryStore.AuditMark::entryId)).toList();
    }

    ProfileView at(String profileId, long revision) {
        if (revision < 1) {
            throw new Ids.BadRequest("A revision is 1 or more, not " + revision);
        }
        SheetFolder.Folded folded = folder.atRevision(profileId, revision);
        long reached = folded.sheet().revision();
        if (reached == 0) {
            throw new NotInHistory("No profile '" + profileId + "'");
        }
        if (reached < revision) {
            throw new NotInHistory("Profile '" + profileId + "' has no revision " + revision
                    + " (its last revision is " + reached + ")");
        }
        return folded.sheet().toView();
    }

    ProfileView at(String profileId, Instant instant) {
        long revision = revisionAt(profileId, head(profileId, 0), instant);
        if (revision == 0) {
            throw new NotInHistory("Profile '" + profileId + "' did not exist yet at " + instant);
        }
        return at(profileId, revision);
    }

    ProfileDiff diff(String profileId, long from, long to) {
        return ProfileDiff.between(at(profileId, from), at(profileId, to));
    }

    Step step(String profileId, long revision) {
        ProfileView view = at(profileId, revision);
        long latest = head(profileId, 0);
        List<HistoryEntry> entry = store.entries(profileId, List.of(revision));
        return new Step(view, entry.isEmpty() ? null : entry.get(0), latest);
    }

    /**
     * The last revision made at or before {@code instant} (0: none): a search over entry times that looks
     * {@value #PROBES} revisions up at once, so that 10,000 revisions take three round trips to a MongoDB server
     * rather than a binary search's fourteen (the embedded store answers in-process and is as fast either way).
     */
    private long revisionAt(String profileId, long head, Instant instant) {
        long low = 0;
        long high = head;
        while (low < high) {
            List<Long> probes = new ArrayList<>();
            for (int i = 1; i <= PROBES; i++) {
                long probe = low + Math.max(1, (high - low) * i / PROBES);
                if (probes.isEmpty() || probe > probes.get(probes.size() - 1)) {
                    probes.add(probe);
                }
            }
            Map<Long, Instant> times = store.entryTimes(profileId, probes);
            long after = high + 1;
            for (long probe : probes) {
                Instant time = times.get(probe);
                if (time == null) {
                    throw new Rebuilding("History of '" + profileId + "' is incomplete; retry shortly");
                }
                if (time.isAfter(instant)) {
                    after = probe;
                    break;
                }
                low = probe;
            }
            high = after - 1;
        }
        return low;
    }

    /**
     * The newest revision in the profile's history, once it holds {@code minRevision} (a client's edit made through
     * another node; 0: none) and every revision of the profile acknowledged on this node: history is projected
     * asynchronously, and a client reads its own edits.
     */
    private long head(String profileId, long minRevision) {
        replays.requireServing();
        long head = acknowledged.await(AcknowledgedEdits.ReadModel.HISTORY, profileId, minRevision,
                storedHead(profileId),
                () -> storedHead(profileId));
        if (head == 0) {
            throw unknown(profileId);
        }
        return head;
    }

    private long storedHead(String profileId) {
        return store.headRevision(profileId).orElse(0L);
    }

    private static NotInHistory unknown(String profileId) {
        return new NotInHistory("No profile '" + profileId + "'");
    }
}
