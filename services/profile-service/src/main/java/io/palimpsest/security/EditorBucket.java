package io.palimpsest.security;

/**
 * A token bucket: up to {@code burst} edits at once, refilled at {@code perSecond}. Time is passed in
 * (nanoseconds of any monotonic clock), so the arithmetic is testable without waiting.
 */
final class EditorBucket {

    private static final double NANOS = 1_000_000_000d;

    private final int burst;
    private final double perSecond;
    private double tokens;
    private long last;

    EditorBucket(int burst, double perSecond, long now) {
        this.burst = burst;
        this.perSecond = perSecond;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes one edit's token: 0 if granted, otherwise the nanoseconds until one is there. */
    synchronized long take(long now) {
        tokens = Math.min(burst, tokens + (now - last) / NANOS * perSecond);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perSecond * NANOS);
    }
}
