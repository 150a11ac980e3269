package io.palimpsest.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;

/** A {@link TokenBucket} per key (an editor, a user and address), all of the same burst and rate. */
final class TokenBuckets {

    private final int burst;
    private final double perSecond;
    // A bucket left alone is full again after burst / rate; forgetting it then changes nothing.
    private final Cache<String, TokenBucket> buckets;

    TokenBuckets(int burst, double perSecond) {
        this.burst = burst;
        this.perSecond = perSecond;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(Duration.ofMillis((long) Math.ceil(burst / perSecond * 1000)))
                .build();
    }

    /** Takes a token from the key's bucket: 0 if granted, otherwise the nanoseconds until one is there. */
    long take(String key, long now) {
        return buckets.get(key, k -> new TokenBucket(burst, perSecond, now)).take(now);
    }

    /** 0 if the key's bucket has a token, otherwise the nanoseconds until it has; takes nothing. */
    long untilAToken(String key, long now) {
        TokenBucket bucket = buckets.getIfPresent(key);
        return bucket == null ? 0 : bucket.untilAToken(now);
    }
}
