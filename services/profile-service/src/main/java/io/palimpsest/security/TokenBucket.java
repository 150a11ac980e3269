package io.palimpsest.security;

/**
 * A token bucket: up to {@code burst} tokens at once, refilled at {@code perSecond}; behind the editors' rate limit
 * (a token per edit) and the sign-in throttle (a token per failed sign-in). Time is passed in (nanoseconds of any
 * monotonic clock), so the arithmetic is testable without waiting.
 */
final class TokenBucket {

    private static final double NANOS = 1_000_000_000d;

    private final int burst;
    private final double perSecond;
    private double tokens;
    private long last;

    TokenBucket(int burst, double perSecond, long now) {
        this.burst = burst;
        this.perSecond = perSecond;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes a token: 0 if granted, otherwise the nanoseconds until one is there. */
    synchronized long take(long now) {
        long wait = untilAToken(now);
        if (wait == 0) {
            tokens -= 1;
        }
        return wait;
    }

    /** 0 if a token is there, otherwise the nanoseconds until one is; takes nothing. */
    synchronized long untilAToken(long now) {
        tokens = Math.min(burst, tokens + (now - last) / NANOS * perSecond);
        last = now;
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perSecond * NANOS);
    }
}
