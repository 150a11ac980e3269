package io.palimpsest.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * History at size: one profile driven to many revisions by several writers, then profile-as-of, history, claim
 * history and blame timed on it; and a rebuild of every read model from the whole event store.
 */
final class History {

    static final String PROFILE = "bench-history";
    private static final int WRITERS = 8;

    private final Service service;
    private final int users;
    private final LongAdder storedCommands;

    History(Service service, int users, LongAdder storedCommands) {
        this.service = service;
        this.users = users;
        this.storedCommands = storedCommands;
    }

    /** Brings the profile to {@code revisions} revisions; answers the edits per second the writers reached. */
    double fill(int revisions) throws InterruptedException {
        Api admin = service.as(Api.newClient(), Service.ADMIN);
        String path = "/api/profiles/" + PROFILE;
        admin.require("POST", "/api/profiles", Map.of("id", PROFILE, "name", "Bench history"));
        admin.require("POST", path + "/sections", Map.of("id", "s", "title", "Claims"));
        AtomicLong revision = new AtomicLong();
        for (int w = 0; w < WRITERS; w++) {
            revision.set(admin.require("POST", path + "/sections/s/claims",
                    Map.of("id", "h" + w, "kind", "BULLET", "text", "Claim " + w)).revision());
        }
        storedCommands.add(2 + WRITERS);
        long start = System.nanoTime();
        long first = revision.get();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Api api = service.as(Api.newClient(), Service.editor(w % users));
            pool.execute(() -> {
                for (long n = 0; revision.get() < revisions; n++) {
                    Api.Answer answer = api.send("PUT", path + "/claims/h" + writer,
                            Map.of("text", "Revision " + n + " of claim " + writer + " by writer " + writer,
                                    "baseRevision", revision.get()));
                    if (answer.status() == 200) {
                        storedCommands.increment();
                        revision.accumulateAndGet(answer.revision(), Math::max);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        return Percentiles.round((revision.get() - first) / ((System.nanoTime() - start) / 1e9));
    }

    /**
     * Times reads of the filled profile, once its history has caught up with the last revision. Every kind of read is
     * first made, untimed, in turns, for {@code warmUp} and at least twice as many times as it is timed, all of them
     * before any is timed, as on a service that has been answering them for a while: on two cores the JIT compiles the
     * read paths for many seconds (a profile of a 6-s warm-up had the C2 compiler on one core throughout the timed
     * reads that followed), and while the kinds were warmed up one after the other, the kinds timed first paid for
     * compiling the later ones.
     */
    Reads time(int samples, Duration warmUp) {
        Api reader = service.as(Api.newClient(), Service.editor(0));
        String path = "/api/profiles/" + PROFILE;
        long head = reader.require("GET", path + "?minRevision=1", null).revision();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (newestInHistory(reader, path) < head && System.nanoTime() < deadline) {
            Service.sleep(200);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Timing.Planned> reads = List.of(
                new Timing.Planned(samples, i -> reader.get(path + "?at=" + random.nextLong(1, head + 1))),
                new Timing.Planned(samples, i -> reader.get(path + "/history?size=20")),
                new Timing.Planned(samples / 4, i -> reader.get(path + "/history?size=20&page="
                        + random.nextInt(0, 400))),
                new Timing.Planned(Math.max(1, samples / 10), i -> reader.get(path + "/claims/h0/history")),
                new Timing.Planned(samples, i -> reader.get(path + "/blame")));
        long warmUpEnd = System.nanoTime() + warmUp.toNanos();
        for (int round = 0; round < 2 || System.nanoTime() < warmUpEnd; round++) {
            reads.forEach(Timing.Planned::untimed);
        }
        List<Timing> timings = reads.stream().map(Timing.Planned::timed).toList();
        return new Reads(head, timings.get(0), timings.get(1), timings.get(2), timings.get(3), timings.get(4));
    }

    private static long newestInHistory(Api reader, String path) {
        Api.Answer page = reader.get(path + "/history?size=1");
        return page.status() != 200 ? 0 : page.json().path("entries").path(0).path("revision").asLong();
    }

    /** Rebuilds every read model (POST /api/admin/replay) and waits for the end. */
    static Rebuild rebuild(Service service) {
        Api admin = service.as(Api.newClient(), Service.ADMIN);
        long start = System.nanoTime();
        admin.require("POST", "/api/admin/replay", null);
        Api.Answer progress;
        do {
            Service.sleep(100);
            progress = admin.require("GET", "/api/admin/replay", null);
        } while (progress.json().path("rebuilding").asBoolean());
        double seconds = (System.nanoTime() - start) / 1e9;
        long events = progress.json().path("eventsTotal").asLong();
        return new Rebuild(events, Percentiles.round(seconds), Percentiles.round(events / seconds),
                progress.json().path("eventsPerSecond").asDouble());
    }

    record Reads(long revisions, Timing profileAsOf, Timing historyNewestPage, Timing historyRandomPage,
                 Timing claimHistory, Timing blame) {
    }

    /** {@code eventsPerSecond} is measured here, from the request to the end; {@code serverRate} as the service says. */
    record Rebuild(long events, double seconds, double eventsPerSecond, double serverRate) {
    }
}
