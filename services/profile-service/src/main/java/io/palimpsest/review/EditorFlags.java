package io.palimpsest.review;

import io.palimpsest.model.RiskFlag;
import io.palimpsest.review.ReviewStore.EditorRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The risks in who made a change, judged by their record across profiles at that point of the log: a newcomer's
 * first changes, and a burst of many changes in a short time (a script, or a vandal working fast).
 */
@Component
class EditorFlags {

    static final String FIRST_CHANGES = "first-changes";
    static final String BURST = "burst";

    private final int trustedAfter;
    private final int burstChanges;
    private final Duration burstWithin;

    EditorFlags(@Value("${palimpsest.review.trusted-after:3}") int trustedAfter,
                @Value("${palimpsest.review.burst-changes:10}") int burstChanges,
                @Value("${palimpsest.review.burst-within:60s}") Duration burstWithin) {
        this.trustedAfter = trustedAfter;
        this.burstChanges = burstChanges;
        this.burstWithin = burstWithin;
    }

    List<RiskFlag> of(String editor, EditorRecord record, Instant time) {
        List<RiskFlag> flags = new ArrayList<>();
        if (record.approved() < trustedAfter) {
            flags.add(new RiskFlag(FIRST_CHANGES, editor + " has " + record.approved() + " approved change"
                    + (record.approved() == 1 ? "" : "s") + " so far (fewer than " + trustedAfter + ")"));
        }
        List<Instant> recent = record.recent();
        if (recent.size() >= burstChanges - 1
                && !recent.get(recent.size() - (burstChanges - 1)).isBefore(time.minus(burstWithin))) {
            flags.add(new RiskFlag(BURST, editor + " made " + burstChanges + " changes within "
                    + burstWithin.toSeconds() + " s"));
        }
        return flags;
    }

    /** The record after one more change at {@code time}: only the last changes a burst counts are kept. */
    EditorRecord afterChange(EditorRecord record, Instant time) {
        List<Instant> recent = new ArrayList<>(record.recent());
        recent.add(time);
        int keep = Math.max(burstChanges - 1, 1);
        return new EditorRecord(record.approved(), List.copyOf(recent.subList(Math.max(0, recent.size() - keep),
                recent.size())));
    }
}
