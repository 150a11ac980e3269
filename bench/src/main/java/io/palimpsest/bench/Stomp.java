package io.palimpsest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A minimal STOMP 1.2 client on the JDK's WebSocket: connect, subscribe, send, hand each MESSAGE body to its
 * subscription's consumer. Small on purpose: hundreds of these share the load generator's two cores with the service.
 */
final class Stomp implements WebSocket.Listener, AutoCloseable {

    /** By subscription id, which is the subscribed destination. */
    private final Map<String, Consumer<String>> subscriptions = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private Stomp() {
    }

    static Stomp connect(HttpClient http, Api user) throws Exception {
        Stomp stomp = new Stomp();
        URI uri = URI.create(user.baseUrl().replaceFirst("^http", "ws") + "/ws");
        stomp.socket = http.newWebSocketBuilder().header("Authorization", user.authorization())
                .buildAsync(uri, stomp).get(30, TimeUnit.SECONDS);
        stomp.socket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0", true)
                .get(30, TimeUnit.SECONDS);
        stomp.connected.get(30, TimeUnit.SECONDS);
        return stomp;
    }

    /** Subscribes to a profile's changes after {@code sinceRevision}, or (when it is null) to any destination. */
    void subscribe(String destination, Long sinceRevision, Consumer<String> messages) throws Exception {
        subscriptions.put(destination, messages);
        String since = sinceRevision == null ? "" : "since-revision:" + sinceRevision + "\n";
        send("SUBSCRIBE\nid:" + destination + "\ndestination:" + destination + "\n" + since + "\n\0");
    }

    /** Sends a JSON body to an application destination. */
    void send(String destination, String json) throws Exception {
        send("SEND\ndestination:" + destination + "\ncontent-type:application/json\n\n" + json + "\0");
    }

    /** One frame at a time: the JDK's WebSocket refuses a send while the previous one is in flight. */
    private synchronized void send(String frame) throws Exception {
        socket.sendText(frame, true).get(30, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            onFrame(frame);
        }
        webSocket.request(1);
        return null;
    }

    private void onFrame(String frame) {
        String trimmed = frame.stripLeading();
        if (trimmed.startsWith("MESSAGE")) {
            int bodyStart = trimmed.indexOf("\n\n");
            int end = trimmed.lastIndexOf('\0');
            Consumer<String> messages = subscriptions.get(header(trimmed.substring(0, bodyStart), "subscription"));
            if (messages != null) {
                messages.accept(trimmed.substring(bodyStart + 2, end < 0 ? trimmed.length() : end));
            }
        } else if (trimmed.startsWith("CONNECTED")) {
            connected.complete(null);
        } else if (trimmed.startsWith("ERROR")) {
            connected.completeExceptionally(new IllegalStateException(trimmed));
            System.err.println("STOMP ERROR: " + trimmed);
        }
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        connected.completeExceptionally(error);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
