package io.palimpsest.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * Settings under {@code palimpsest.live.*}; see docs/live.md.
 *
 * @param presenceTimeout     a connection that has not announced itself for this long is no longer present
 * @param presencePoll        how often a node re-reads the presence of profiles its subscribers watch, to see
 *                            other nodes' editors
 * @param sendTimeLimit       a subscriber whose socket accepts nothing for this long is cut off
 * @param sendBufferSizeLimit a subscriber with more than this much unsent data is cut off
 * @param allowedOrigins      browser origins (patterns) besides the service's own that may open {@code /ws};
 *                            none by default, so another site cannot use a browser's cached credentials
 */
@ConfigurationProperties("palimpsest.live")
record LiveProperties(
        @DefaultValue("30s") Duration presenceTimeout,
        @DefaultValue("1s") Duration presencePoll,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("1MB") DataSize sendBufferSizeLimit,
        @DefaultValue List<String> allowedOrigins) {
}
