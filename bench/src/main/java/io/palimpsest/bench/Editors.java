package io.palimpsest.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.concurrent.atomic.LongAdder;

/**
 * The simulated editors: each has its own STOMP connection subscribed to its profile and revises claims with the
 * latest revision it has seen as base, over REST or over that connection ({@link Transport}). One set of editors runs
 * several phases (paced, flat out, each way).
 */
final class Editors implements AutoCloseable {

    /** How an edit is sent: a REST call, or a STOMP {@code SEND} answered on the connection's user queue. */
    enum Transport { REST, SOCKET }

    private static final String ANSWERS = "/user/queue/edits";

    private final Workload workload;
    private final Service service;
    private final HttpClient http = Api.newClient();
    private final List<Api> apis = new ArrayList<>();
    private final List<Stomp> connections = new ArrayList<>();
    private final AtomicLong[] knownRevision;
    /** Per editor: edits made so far, in every phase (each editor's thread only). */
    private final long[] edited;
    /** Per editor: the socket edit waiting for its answer, which names its command id. */
    private final AtomicReference<PendingEdit>[] pending;
    private final LongAdder storedCommands;
    private volatile Recording recording;

    Editors(Workload workload, Service service, int users, LongAdder storedCommands) {
        this.workload = workload;
        this.service = service;
        this.storedCommands = storedCommands;
        this.knownRevision = new AtomicLong[workload.editors()];
        this.edited = new long[workload.editors()];
        @SuppressWarnings("unchecked")
        AtomicReference<PendingEdit>[] waiting = new AtomicReference[workload.editors()];
        this.pending = waiting;
        for (int e = 0; e < workload.editors(); e++) {
            apis.add(service.as(http, Service.editor(e % users)));
            knownRevision[e] = new AtomicLong();
            pending[e] = new AtomicReference<>();
        }
    }

    /** Creates the profiles (a section, one claim per editor, the shared claim) and connects every editor. */
    void setUp() throws Exception {
        Api admin = service.as(http, Service.ADMIN);
        for (int p = 0; p < workload.profiles(); p++) {
            String path = "/api/profiles/" + workload.profileId(p);
            admin.require("POST", "/api/profiles", Map.of("id", workload.profileId(p), "name",
                    "Bench profile " + workload.profileId(p)));
            admin.require("POST", path + "/sections", Map.of("id", "s", "title", "Claims"));
            List<String> claims = new ArrayList<>(workload.editorsOf(p).stream().map(Workload::ownClaim).toList());
            claims.add(Workload.SHARED_CLAIM);
            long revision = 0;
            for (String claim : claims) {
                revision = admin.require("POST", path + "/sections/s/claims",
                        Map.of("id", claim, "kind", "BULLET", "text", "Initial text of " + claim)).revision();
            }
            storedCommands.add(2 + claims.size());
            for (int e : workload.editorsOf(p)) {
                knownRevision[e].set(revision);
            }
        }
        for (int e = 0; e < workload.editors(); e++) {
            int receiver = e;
            Stomp stomp = Stomp.connect(http, apis.get(e));
            stomp.subscribe("/topic/profiles/" + workload.profile(e), knownRevision[e].get(),
                    body -> received(receiver, body));
            stomp.subscribe(ANSWERS, null, body -> answered(receiver, body));
            connections.add(stomp);
        }
    }

    private void received(int receiver, String body) {
        long now = System.nanoTime();
        try {
            JsonNode change = Api.JSON.readTree(body);
            knownRevision[receiver].accumulateAndGet(change.path("revision").asLong(), Math::max);
            Recording current = recording;
            String token = Workload.tokenIn(change.path("change").path("text").asText(""));
            if (current != null && token != null) {
                current.receipts.add(new Receipt(token, receiver, now));
            }
        } catch (IOException e) {
            System.err.println("Unreadable change: " + body);
        }
    }

    private void answered(int editor, String body) {
        try {
            JsonNode answer = Api.JSON.readTree(body);
            PendingEdit edit = pending[editor].get();
            if (edit != null && edit.commandId().equals(answer.path("commandId").asText())) {
                edit.answer().complete(answer);
            }
        } catch (IOException e) {
            System.err.println("Unreadable answer: " + body);
        }
    }

    /**
     * Runs one phase: every editor edits until the end, then deliveries drain for two seconds. The service is sampled
     * over the measured time only, from a sampler started when the warm-up ends.
     */
    PhaseResult run(String name, int thinkMs, int warmUpSeconds, Transport transport,
                    Supplier<ProcessSampler> measuring) throws InterruptedException {
        long start = System.nanoTime();
        Instant measuredFrom = Instant.now().plusSeconds(warmUpSeconds);
        Recording current = new Recording(start + TimeUnit.SECONDS.toNanos(warmUpSeconds),
                start + TimeUnit.SECONDS.toNanos(warmUpSeconds + workload.seconds()), measuredFrom.toString(),
                measuredFrom.plusSeconds(workload.seconds()).toString());
        recording = current;
        ExecutorService pool = Executors.newFixedThreadPool(workload.editors());
        for (int e = 0; e < workload.editors(); e++) {
            int editor = e;
            pool.execute(() -> edit(editor, thinkMs, transport, current));
        }
        pool.shutdown();
        TimeUnit.NANOSECONDS.sleep(current.from - System.nanoTime());
        ProcessSampler.Usage usage;
        try (ProcessSampler sampler = measuring.get()) {
            pool.awaitTermination(workload.seconds() + 120, TimeUnit.SECONDS);
            usage = sampler.usage();
        }
        Thread.sleep(2000);
        recording = null;
        return current.result(name, thinkMs, transport, workload, usage);
    }

    private void edit(int editor, int thinkMs, Transport transport, Recording current) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < current.until) {
            if (thinkMs > 0) {
                // An edit that would come after the window is not waited for: the phase ends with its window.
                long think = (long) (thinkMs * (0.5 + random.nextDouble()));
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(think) >= current.until) {
                    return;
                }
                Service.sleep(think);
            }
            String claim = random.nextDouble() < workload.conflictShare() ? Workload.SHARED_CLAIM
                    : Workload.ownClaim(editor);
            // Counted across phases, so a late delivery of an earlier phase's edit matches no token of this one.
            String token = Workload.token(editor, ++edited[editor]);
            long sent = System.nanoTime();
            if (sent >= current.until) {
                return;
            }
            Map<String, Object> body = Map.of("text", "Edit " + token + " by editor " + editor, "baseRevision",
                    knownRevision[editor].get(), "commandId", UUID.randomUUID().toString());
            Api.Answer answer = transport == Transport.REST
                    ? apis.get(editor).send("PUT", "/api/profiles/" + workload.profile(editor) + "/claims/" + claim,
                            body)
                    : overSocket(editor, "claims/" + claim, body);
            long ack = System.nanoTime();
            boolean measured = sent >= current.from;
            if (answer.status() == 200) {
                storedCommands.increment();
                knownRevision[editor].accumulateAndGet(answer.revision(), Math::max);
                if (measured) {
                    current.accepted.increment();
                    current.edits.put(token, new long[]{sent, ack, editor});
                }
            } else if (answer.status() == 409) {
                if (measured) {
                    current.conflicts.increment();
                }
            } else if (measured) {
                current.errors.increment();
                if (current.firstError == null) {
                    current.firstError = answer.status() + " " + answer.body();
                }
            }
        }
    }

    /** The socket edit's answer as the REST call's would be: 200 with the revision, or the problem's status. */
    private Api.Answer overSocket(int editor, String path, Map<String, Object> body) {
        PendingEdit edit = new PendingEdit(body.get("commandId").toString(), new CompletableFuture<>());
        pending[editor].set(edit);
        try {
            connections.get(editor).send("/app/profiles/" + workload.profile(editor) + "/edits",
                    Api.JSON.writeValueAsString(Map.of("method", "PUT", "path", path, "body", body)));
            JsonNode answer = edit.answer().get(60, TimeUnit.SECONDS);
            return answer.path("revision").isNumber() ? new Api.Answer(200, answer.toString())
                    : new Api.Answer(answer.path("problem").path("status").asInt(-1), answer.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Api.Answer(-1, "interrupted");
        } catch (Exception e) {
            return new Api.Answer(-1, e.toString());
        } finally {
            pending[editor].set(null);
        }
    }

    @Override
    public void close() {
        connections.forEach(Stomp::close);
    }

    private record Receipt(String token, int receiver, long at) {
    }

    private record PendingEdit(String commandId, CompletableFuture<JsonNode> answer) {
    }

    private static final class Recording {
        final long from;
        final long until;
        final String measuredFrom;
        final String measuredUntil;
        final Map<String, long[]> edits = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Receipt> receipts = new ConcurrentLinkedQueue<>();
        final LongAdder accepted = new LongAdder();
        final LongAdder conflicts = new LongAdder();
        final LongAdder errors = new LongAdder();
        volatile String firstError;

        Recording(long from, long until, String measuredFrom, String measuredUntil) {
            this.from = from;
            this.until = until;
            this.measuredFrom = measuredFrom;
            this.measuredUntil = measuredUntil;
        }

        PhaseResult result(String name, int thinkMs, Transport transport, Workload workload,
                           ProcessSampler.Usage usage) {
            List<Long> fromAck = new ArrayList<>();
            List<Long> fromSend = new ArrayList<>();
            for (Receipt receipt : receipts) {
                long[] edit = edits.get(receipt.token());
                if (edit != null && edit[2] != receipt.receiver()) {
                    // A receipt before the editor's own acknowledgement counts as no wait at all.
                    fromAck.add(Math.max(0, receipt.at() - edit[1]));
                    fromSend.add(receipt.at() - edit[0]);
                }
            }
            long expected = (long) edits.size() * (workload.editors() / workload.profiles() - 1);
            double seconds = workload.seconds();
            return new PhaseResult(name, thinkMs, transport.name().toLowerCase(java.util.Locale.ROOT),
                    workload.editors(), workload.profiles(), measuredFrom, measuredUntil, Percentiles.round(accepted.sum() / seconds), accepted.sum(),
                    conflicts.sum(), errors.sum(), firstError, expected, fromAck.size(),
                    Percentiles.of(fromAck.stream().mapToLong(Long::longValue).toArray()),
                    Percentiles.of(fromSend.stream().mapToLong(Long::longValue).toArray()), usage);
        }
    }

    /**
     * One phase's figures: {@code ackToOthers} is from the editor's 2xx answer (the edit is stored) to its arrival at
     * each other editor of the profile; {@code sendToOthers} from just before the request was sent.
     */
    record PhaseResult(String phase, int thinkMs, String transport, int editors, int profiles, String measuredFrom,
                       String measuredUntil, double acceptedPerSecond, long accepted, long conflicts, long errors,
                       String firstError, long expectedDeliveries, long deliveries, Percentiles ackToOthers,
                       Percentiles sendToOthers, ProcessSampler.Usage server) {
    }
}
