package io.palimpsest.streams;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings under {@code palimpsest.streams.*}; see docs/streams.md.
 *
 * @param publicReading  anonymous callers may read the change stream and feed (read by {@code security/}); off by
 *                       default, as the changes name editors
 * @param heartbeat      an idle stream sends an SSE comment this often, so proxies and clients keep it open
 * @param maxDelay       a live consumer about to be sent a change stored longer ago than this is too slow to keep
 *                       up: it gets a {@code cut-off} event and resumes from its last id
 * @param feedScanLimit  at most this many stored events are looked at for one page of the feed, so a narrow
 *                       filter over a long log answers a short page (with its cursor) rather than a long wait
 */
@ConfigurationProperties("palimpsest.streams")
record StreamsProperties(
        @DefaultValue("false") boolean publicReading,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30s") Duration maxDelay,
        @DefaultValue("10000") int feedScanLimit) {
}
