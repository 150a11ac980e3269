package io.palimpsest.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A webhook's receiver on the loopback interface, as a third party would write one: it keeps every request it got
 * and answers each with the status its {@code answer} gives for the request's number (1, 2, ...).
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request: the headers a receiver reads, the raw body, and what it was answered. */
    record Received(String delivery, String event, String webhook, String signature, byte[] body, int answered) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean accepted() {
            return answered / 100 == 2;
        }

        /** The signature checked as a receiver checks it: the HMAC-SHA256 of the raw body under the secret. */
        boolean signedWith(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body))).equals(signature);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntUnaryOperator answer;

    private WebhookReceiver(IntUnaryOperator answer) throws IOException {
        this.answer = answer;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(thread);
        server.start();
    }

    static WebhookReceiver answering(IntUnaryOperator answer) throws IOException {
        return new WebhookReceiver(answer);
    }

    static WebhookReceiver accepting() throws IOException {
        return answering(request -> 204);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** From now on, answer with this instead. */
    void answer(IntUnaryOperator next) {
        answer = next;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status = answer.applyAsInt(count.incrementAndGet());
        var headers = exchange.getRequestHeaders();
        synchronized (received) {
            received.add(new Received(headers.getFirst("X-Palimpsest-Delivery"), headers.getFirst("X-Palimpsest-Event"),
                    headers.getFirst("X-Palimpsest-Webhook"), headers.getFirst("X-Palimpsest-Signature"), body,
                    status));
            received.notifyAll();
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The accepted requests, once there are {@code n}, or all there are after {@code patience}. */
    List<Received> awaitAccepted(int n, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (received) {
            while (accepted().size() < n && System.nanoTime() < deadline) {
                received.wait(Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
            }
            return accepted();
        }
    }

    private List<Received> accepted() {
        return received.stream().filter(Received::accepted).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
