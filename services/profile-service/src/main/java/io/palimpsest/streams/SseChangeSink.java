package io.palimpsest.streams;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.Map;

/**
 * Server-sent events: each change as a default ({@code message}) event whose id is its cursor, so a browser's
 * EventSource resumes by itself with {@code Last-Event-ID}; heartbeats as comment lines; the two last words as
 * named events ({@code cut-off}, {@code end}) carrying the cursor to resume after.
 */
final class SseChangeSink implements ChangeSink {

    private final SseEmitter emitter;
    private volatile boolean open = true;

    SseChangeSink(SseEmitter emitter) {
        this.emitter = emitter;
        emitter.onCompletion(() -> open = false);
        emitter.onError(e -> open = false);
        emitter.onTimeout(() -> open = false);
    }

    @Override
    public void change(Change change) throws IOException {
        emitter.send(SseEmitter.event().id(change.cursor().toString()).data(change, MediaType.APPLICATION_JSON));
    }

    @Override
    public void heartbeat() throws IOException {
        emitter.send(SseEmitter.event().comment("heartbeat"));
    }

    @Override
    public void cutOff(Cursor resumeAfter) throws IOException {
        last("cut-off", resumeAfter, "too far behind the live changes: reconnect with Last-Event-ID " + resumeAfter);
    }

    @Override
    public void end(Cursor resumeAfter) throws IOException {
        last("end", resumeAfter, "the time range is over: no later change can match");
    }

    private void last(String name, Cursor resumeAfter, String reason) throws IOException {
        emitter.send(SseEmitter.event().name(name).id(resumeAfter.toString())
                .data(Map.of("reason", reason, "resumeAfter", resumeAfter.toString()), MediaType.APPLICATION_JSON));
        emitter.complete();
        open = false;
    }

    @Override
    public void stop() {
        emitter.complete();
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
