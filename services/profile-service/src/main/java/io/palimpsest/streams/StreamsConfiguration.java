package io.palimpsest.streams;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The change stream, its feed, webhooks and their settings. */
@Configuration
@EnableConfigurationProperties({StreamsProperties.class, WebhooksProperties.class})
class StreamsConfiguration {
}
