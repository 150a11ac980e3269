package io.palimpsest.history;

import io.palimpsest.editing.CurrentProfiles;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Every read model rebuilt in one pass over the event log: each event is read, deserialized and folded once, for the
 * history and the current profiles alike, and the writes of {@value #EVENTS_PER_WRITE} events go out together. The
 * tracking processors, stopped meanwhile, would each read the whole log, fold it separately and pay a unit of work per
 * event. After each write the processors' tokens are moved past what was written, as replay tokens up to the head
 * the rebuild began at: should the node stop half way, its processors carry on from there, still replaying.
 * <p>
 * Three threads share the work, so that it uses both cores: one reads and deserializes the log ({@link ReadAhead}),
 * this one folds, and one writes (one write at a time, in order, while the fold goes on).
 */
final class FullRebuild {

    static final int EVENTS_PER_WRITE = 2_000;

    private final EventStorageEngine log;
    private final HistoryStore history;
    private final HistoryFold fold;
    private final SheetFolder folder;
    private final CurrentProfiles profiles;
    private final TokenStore tokens;
    private final List<String> processors;
    private final TrackingToken head;
    private volatile long position;
    private volatile boolean stopping;
    private CompletableFuture<Void> written = CompletableFuture.completedFuture(null);

    FullRebuild(EventStorageEngine log, HistoryStore history, SheetFolder folder, CurrentProfiles profiles,
                TokenStore tokens, List<String> processors, TrackingToken head) {
        this.log = log;
        this.history = history;
        this.fold = new HistoryFold(history, folder);
        this.folder = folder;
        this.profiles = profiles;
        this.tokens = tokens;
        this.processors = processors;
        this.head = head;
    }

    /** The position in the event log folded and written so far. */
    long position() {
        return position;
    }

    /** Ends the pass early: what it folded is written, with the tokens that say so, and {@link #run} returns. */
    void stop() {
        stopping = true;
    }

    /** Folds the log up to its end as it is when the pass gets there; the processors take over after that. */
    void run() {
        ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "read-model-rebuild-writer");
            thread.setDaemon(true);
            return thread;
        });
        try (ReadAhead events = new ReadAhead(log, folder.editors(), "read-model-rebuild-reader")) {
            HistoryStore.Writes writes = history.writes();
            Map<String, CurrentProfiles.Folded> current = new LinkedHashMap<>();
            TrackingToken token = null;
            int pending = 0;
            for (ReadAhead.Read read = events.next(); read != null && !stopping; read = events.next()) {
                token = read.token();
                HistoryFold.Event event = read.event();
                if (event != null) {
                    if (!fold.continues(event)) {
                        // The fold picks the profile up from the stored read models: they must hold all handed over.
                        awaitWritten();
                    }
                    fold.apply(event, writes).ifPresent(folded -> current.put(event.payload().profileId(),
                            CurrentProfiles.Folded.withSheet(folded.sheet(), folded.lastSequence())));
                }
                if (++pending == EVENTS_PER_WRITE) {
                    handOver(writes, current, token, writer);
                    writes = history.writes();
                    current.clear();
                    pending = 0;
                }
            }
            if (token != null) {
                handOver(writes, current, token, writer);
            }
            awaitWritten();
        } finally {
            // The processors start when the pass ends: no write of the pass may come after theirs.
            written.handle((done, failed) -> null).join();
            writer.shutdown();
        }
    }

    /** The profiles' documents are made now: their sheets go on changing while the writer writes. */
    private void handOver(HistoryStore.Writes writes, Map<String, CurrentProfiles.Folded> current, TrackingToken token,
                          ExecutorService writer) {
        CurrentProfiles.Prepared prepared = profiles.prepare(current.values());
        awaitWritten();
        written = CompletableFuture.runAsync(() -> write(writes, prepared, token), writer);
    }

    /** Waits for the write in flight; a write that failed fails the pass with its own exception. */
    private void awaitWritten() {
        try {
            written.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The read models first, then the tokens that say they are written. */
    private void write(HistoryStore.Writes writes, CurrentProfiles.Prepared current, TrackingToken token) {
        history.save(writes);
        profiles.write(current);
        // A replay token at the head would still say "replaying" until the next event came.
        TrackingToken progress = head == null || token.covers(head) ? token
                : ReplayToken.createReplayToken(head, token);
        for (String processor : processors) {
            for (int segment : tokens.fetchSegments(processor)) {
                tokens.storeToken(progress, processor, segment);
            }
        }
        position = token.position().orElse(position);
    }
}
