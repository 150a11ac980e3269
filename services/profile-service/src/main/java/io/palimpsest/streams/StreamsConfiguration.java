package io.palimpsest.streams;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The change stream, its feed and its settings. */
@Configuration
@EnableConfigurationProperties(StreamsProperties.class)
class StreamsConfiguration {
}
