package io.palimpsest.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The token bucket behind the editors' rate limit and the sign-in throttle, on a clock the test turns by hand. */
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsGrantedAtOnceThenTheWaitIsUntilTheNextToken() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);

        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isEqualTo(SECOND / 2);
    }

    @Test
    void tokensComeBackAtTheSustainedRateUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(2, 1, 0);
        bucket.take(0);
        bucket.take(0);

        assertThat(bucket.take(SECOND)).isZero();
        assertThat(bucket.take(SECOND)).isPositive();
        assertThat(bucket.take(100 * SECOND)).isZero();
        assertThat(bucket.take(100 * SECOND)).isZero();
        assertThat(bucket.take(100 * SECOND)).isPositive();
    }

    @Test
    void askingWhenATokenComesTakesNone() {
        TokenBucket bucket = new TokenBucket(1, 1, 0);

        assertThat(bucket.untilAToken(0)).isZero();
        assertThat(bucket.untilAToken(0)).isZero();
        bucket.take(0);
        assertThat(bucket.untilAToken(0)).isEqualTo(SECOND);
    }
}
