package io.palimpsest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The store grown to given sizes (100k and 1M events in the issue): writers edit flat out, each on a profile of its
 * own so they never wait for one another, until the run has stored that many events; then, at each size, the cost
 * of a command and of reads ({@link Growth}) and a rebuild of every read model from the whole store.
 */
final class StoreSizes {

    private static final String PROFILE = "bench-fill-";
    private static final int WRITERS = 16;

    private final Service service;
    private final int users;
    private final LongAdder storedCommands;
    /** Each writer's profile's last revision, the base of its next edit. */
    private final long[] revisions = new long[WRITERS];

    StoreSizes(Service service, int users, LongAdder storedCommands) {
        this.service = service;
        this.users = users;
        this.storedCommands = storedCommands;
    }

    List<AtSize> measure(List<Long> sizes, Growth probe, int samples) throws InterruptedException {
        setUp();
        List<AtSize> measured = new ArrayList<>();
        for (long size : sizes) {
            Bench.log("growing the store to " + size + " events");
            double fillRate = growTo(size);
            Growth.Point cost = probe.measure(samples);
            Bench.log("rebuilding every read model at " + storedCommands.sum() + " events");
            measured.add(new AtSize(storedCommands.sum(), fillRate, cost, History.rebuild(service)));
            Bench.log(measured.get(measured.size() - 1).toString());
        }
        return measured;
    }

    private void setUp() {
        Api admin = service.as(Api.newClient(), Service.ADMIN);
        for (int w = 0; w < WRITERS; w++) {
            String path = "/api/profiles/" + PROFILE + w;
            admin.require("POST", "/api/profiles", Map.of("id", PROFILE + w, "name", "Bench fill " + w));
            admin.require("POST", path + "/sections", Map.of("id", "s", "title", "Claims"));
            revisions[w] = admin.require("POST", path + "/sections/s/claims",
                    Map.of("id", "c", "kind", "BULLET", "text", "Fill")).revision();
        }
        storedCommands.add(3L * WRITERS);
    }

    /** Edits until the run has stored {@code size} events; answers the edits per second reached (0: none needed). */
    private double growTo(long size) throws InterruptedException {
        long start = System.nanoTime();
        long before = storedCommands.sum();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            String path = "/api/profiles/" + PROFILE + w + "/claims/c";
            Api api = service.as(Api.newClient(), Service.editor(w % users));
            pool.execute(() -> {
                for (long n = 0; storedCommands.sum() < size; n++) {
                    Api.Answer answer = api.send("PUT", path, Map.of("text", "Fill " + n + " towards " + size,
                            "baseRevision", revisions[writer]));
                    if (answer.status() == 200) {
                        revisions[writer] = answer.revision();
                        storedCommands.increment();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.DAYS);
        long written = storedCommands.sum() - before;
        return written == 0 ? 0 : Percentiles.round(written / ((System.nanoTime() - start) / 1e9));
    }

    /** {@code storedEvents}: the run's stored events when the size was reached (writers may overshoot a little). */
    record AtSize(long storedEvents, double fillEditsPerSecond, Growth.Point cost, History.Rebuild rebuild) {
    }
}
