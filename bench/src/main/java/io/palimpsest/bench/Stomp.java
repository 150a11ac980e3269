package io.palimpsest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A minimal STOMP 1.2 client on the JDK's WebSocket: connect, subscribe, hand each MESSAGE body to a consumer.
 * Small on purpose: 200 of these share the load generator's two cores with the service.
 */
final class Stomp implements WebSocket.Listener, AutoCloseable {

    private final Consumer<String> messages;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private Stomp(Consumer<String> messages) {
        this.messages = messages;
    }

    static Stomp connect(HttpClient http, Api user, Consumer<String> messages) throws Exception {
        Stomp stomp = new Stomp(messages);
        URI uri = URI.create(user.baseUrl().replaceFirst("^http", "ws") + "/ws");
        stomp.socket = http.newWebSocketBuilder().header("Authorization", user.authorization())
                .buildAsync(uri, stomp).get(30, TimeUnit.SECONDS);
        stomp.socket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0", true)
                .get(30, TimeUnit.SECONDS);
        stomp.connected.get(30, TimeUnit.SECONDS);
        return stomp;
    }

    void subscribe(String destination, long sinceRevision) throws Exception {
        socket.sendText("SUBSCRIBE\nid:" + destination + "\ndestination:" + destination + "\nsince-revision:"
                + sinceRevision + "\n\n\0", true).get(30, TimeUnit.SECONDS);
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
            messages.accept(trimmed.substring(bodyStart + 2, end < 0 ? trimmed.length() : end));
        } else if (trimmed.startsWith("CONNECTED")) {
            connected.complete(null);
        } else if (trimmed.startsWith("ERROR")) {
            connected.completeExceptionally(new IllegalStateException(trimmed));
            System.err.println("STOMP ERROR: " + trimmed);
        }
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
