package io.palimpsest.streams;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Settings under {@code palimpsest.webhooks.*}; see docs/streams.md.
 *
 * @param allowedHosts      the hosts a webhook may deliver to: names ({@code hooks.example.org}) or a domain's
 *                          subdomains ({@code *.example.org}). Empty by default, so no webhook can be registered
 *                          until an operator names where deliveries may go: the service must not become a probe of
 *                          the network it runs in
 * @param allowLoopbackHttp plain {@code http://} to a loopback address (tests, development); otherwise only https
 * @param timeout           connecting and answering, each: a receiver slower than this failed the delivery
 * @param retryBase         the wait after the first failure; each further failure doubles it, up to {@code retryMax},
 *                          and a random part of up to half of it is taken off, so receivers that failed together
 *                          are not retried together
 * @param retryMax          the longest wait between two attempts
 * @param pauseAfter        failed attempts in a row after which the webhook is paused
 * @param threads           deliveries made at once on this node, across all webhooks
 * @param pollInterval      how often an idle webhook looks for new changes
 * @param refresh           how often this node reads the registered webhooks (to take up those registered, resumed
 *                          or left by other nodes)
 * @param deliveriesKept    recent deliveries listed per webhook
 */
@ConfigurationProperties("palimpsest.webhooks")
record WebhooksProperties(
        @DefaultValue({}) List<String> allowedHosts,
        @DefaultValue("false") boolean allowLoopbackHttp,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("1s") Duration retryBase,
        @DefaultValue("5m") Duration retryMax,
        @DefaultValue("8") int pauseAfter,
        @DefaultValue("4") int threads,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("5s") Duration refresh,
        @DefaultValue("50") int deliveriesKept) {
}
