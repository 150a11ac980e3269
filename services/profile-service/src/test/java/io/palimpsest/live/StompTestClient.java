package io.palimpsest.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** A STOMP client as a Java application would use it: Spring's client over a standard WebSocket, HTTP Basic. */
public final class StompTestClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 20;
    /**
     * Spring closes the connection right after queueing an ERROR frame; if another thread is still flushing an
     * earlier frame at that moment, the ERROR frame is dropped and the client only sees the connection close.
     */
    static final String CLOSED_BY_SERVER = "connection closed by the server";

    /** The Spring client times out awaited receipts on a scheduler; one for all clients of the tests. */
    private static final ThreadPoolTaskScheduler RECEIPT_TIMERS = new ThreadPoolTaskScheduler();

    static {
        RECEIPT_TIMERS.setDaemon(true);
        RECEIPT_TIMERS.setThreadNamePrefix("stomp-test-receipts-");
        RECEIPT_TIMERS.initialize();
    }

    private final StompSession session;
    private final BlockingQueue<String> errors;

    private StompTestClient(StompSession session, BlockingQueue<String> errors) {
        this.session = session;
        this.errors = errors;
    }

    public static StompTestClient connect(String baseUrl, String user) throws Exception {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setTaskScheduler(RECEIPT_TIMERS);
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        handshake.add("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8)));
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        StompSession session = client.connectAsync(URI.create(baseUrl.replaceFirst("^http", "ws") + "/ws"), handshake,
                null, new StompSessionHandlerAdapter() {
                    @Override
                    public Type getPayloadType(StompHeaders headers) {
                        return byte[].class;
                    }

                    @Override
                    public void handleFrame(StompHeaders headers, Object payload) {
                        errors.add(String.valueOf(headers.getFirst("message")));
                    }

                    @Override
                    public void handleTransportError(StompSession s, Throwable exception) {
                        errors.add(CLOSED_BY_SERVER);
                    }

                    @Override
                    public void handleException(StompSession s, StompCommand command, StompHeaders headers,
                                                byte[] payload, Throwable exception) {
                        errors.add("client failed: " + exception);
                    }
                }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return new StompTestClient(session, errors);
    }

    /** Subscribes to changes or presence; {@code sinceRevision} null means live messages only. */
    public Received subscribe(String destination, Long sinceRevision) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        if (sinceRevision != null) {
            headers.add("since-revision", Long.toString(sinceRevision));
        }
        Received received = new Received();
        session.subscribe(headers, received);
        return received;
    }

    /** Subscribes to a profile's changes and hands each change's revision to {@code onRevision} as it arrives. */
    void subscribeWithCallback(String destination, java.util.function.LongConsumer onRevision) {
        session.subscribe(destination, new JsonFrames() {
            @Override
            void onMessage(JsonNode message) {
                onRevision.accept(message.get("revision").asLong());
            }
        });
    }

    public void send(String destination, Object body) throws Exception {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.set("content-type", "application/json");
        session.send(headers, JSON.writeValueAsBytes(body));
    }

    /** Sends {@code body} asking for a receipt; the latch opens when the RECEIPT frame for it arrives. */
    public CountDownLatch sendWithReceipt(String destination, Object body, String receiptId) throws Exception {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.set("content-type", "application/json");
        headers.setReceipt(receiptId);
        CountDownLatch received = new CountDownLatch(1);
        session.send(headers, JSON.writeValueAsBytes(body)).addReceiptTask(received::countDown);
        return received;
    }

    /** Sends bytes as they are, such as JSON that does not parse. */
    public void sendRaw(String destination, byte[] body) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.set("content-type", "application/json");
        session.send(headers, body);
    }

    /** Waits for the server to refuse a frame: ERROR with a message containing {@code reason}, then the close. */
    void awaitRefusal(String reason) throws InterruptedException {
        String error = errors.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(error).as("an ERROR frame or the connection closed").isNotNull();
        assertThat(error).satisfiesAnyOf(e -> assertThat(e).contains(reason),
                e -> assertThat(e).isEqualTo(CLOSED_BY_SERVER));
    }

    @Override
    public void close() {
        if (session.isConnected()) {
            try {
                session.disconnect();
            } catch (MessageDeliveryException | IllegalStateException closedByServerMeanwhile) {
                // After a refusal the server closes the connection; it may do so between the check and the send
                // (the session then answers "Connection closed", or fails to deliver the DISCONNECT).
            }
        }
    }

    /** A subscription's frames, each read as JSON. */
    private abstract static class JsonFrames implements StompFrameHandler {

        abstract void onMessage(JsonNode message);

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            try {
                onMessage(JSON.readTree((byte[]) payload));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The JSON messages of one subscription, in arrival order. */
    public static final class Received extends JsonFrames {

        private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

        @Override
        void onMessage(JsonNode message) {
            messages.add(message);
        }

        public JsonNode next() throws InterruptedException {
            JsonNode message = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(message).as("a message within " + WAIT_SECONDS + " s").isNotNull();
            return message;
        }

        /** Whether no message arrives for {@code seconds}. */
        public boolean nothingWithin(int seconds) throws InterruptedException {
            return messages.poll(seconds, TimeUnit.SECONDS) == null;
        }

        List<JsonNode> next(int count) throws InterruptedException {
            List<JsonNode> all = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                all.add(next());
            }
            return all;
        }

        /** The first message that matches, skipping those before it. */
        public JsonNode first(Predicate<JsonNode> wanted) throws InterruptedException {
            List<JsonNode> all = until(wanted);
            return all.get(all.size() - 1);
        }

        /** Every message up to and including the first one that matches. */
        List<JsonNode> until(Predicate<JsonNode> last) throws InterruptedException {
            List<JsonNode> all = new ArrayList<>();
            JsonNode message;
            do {
                message = next();
                all.add(message);
            } while (!last.test(message));
            return all;
        }
    }
}
