package io.palimpsest.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Makes one delivery: a POST of the JSON body, signed with the webhook's secret ({@code X-Palimpsest-Signature:
 * sha256=<hex HMAC-SHA256 of the body>}), with the idempotency key in {@code X-Palimpsest-Delivery}. Any 2xx answer
 * is a success. Redirects are not followed (one could lead off the allow list), and a target taken off the allow
 * list since registration is not called at all.
 */
final class WebhookSender {

    static final String SIGNATURE = "X-Palimpsest-Signature";
    static final String DELIVERY = "X-Palimpsest-Delivery";
    static final String EVENT = "X-Palimpsest-Event";
    static final String WEBHOOK = "X-Palimpsest-Webhook";

    private final HttpClient http;
    private final ObjectMapper json;
    private final WebhookTargets targets;
    private final Duration timeout;
    private final Clock clock;

    WebhookSender(ObjectMapper json, WebhookTargets targets, Duration timeout, Clock clock) {
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
        this.json = json;
        this.targets = targets;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** One change, its position the delivery's key. */
    Delivery send(Webhook webhook, Change change, int attempt) throws InterruptedException {
        return send(webhook, Long.toString(change.position()), change.position(), change.kind(), change, attempt);
    }

    Delivery send(Webhook webhook, String delivery, Long position, String event, Object body, int attempt)
            throws InterruptedException {
        long started = System.nanoTime();
        String error;
        Integer status = null;
        if (!targets.allows(webhook.url())) {
            error = "not sent: the target is not (or no longer) allowed by palimpsest.webhooks.allowed-hosts";
        } else {
            try {
                byte[] bytes = json.writeValueAsBytes(body);
                HttpRequest request = HttpRequest.newBuilder(webhook.url()).timeout(timeout)
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "Palimpsest-Webhooks")
                        .header(SIGNATURE, signature(webhook.secret(), bytes))
                        .header(DELIVERY, delivery).header(EVENT, event).header(WEBHOOK, webhook.id())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
                // The answer's body is not read: a receiver sending one without end would hold the thread.
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                response.body().close();
                status = response.statusCode();
                error = status / 100 == 2 ? null : status / 100 == 3
                        ? "answered " + status + ", a redirect, which is not followed" : "answered " + status;
            } catch (HttpTimeoutException e) {
                error = "no answer within " + timeout.toMillis() + " ms";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A change could not be written as JSON", e);
            } catch (ConnectException e) {
                error = "could not connect";
            } catch (IOException e) {
                error = "could not be sent: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        long latency = Duration.ofNanos(System.nanoTime() - started).toMillis();
        return new Delivery(delivery, position, event, attempt, status, latency, error, clock.instant());
    }

    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
