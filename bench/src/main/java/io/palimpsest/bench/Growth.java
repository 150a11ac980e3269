package io.palimpsest.bench;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cost of one command and of reads as the store grows: one client, one request at a time, on a small profile of
 * its own, repeated at each store size the run passes through.
 */
final class Growth {

    private static final String PROFILE = "bench-probe";

    private final Api client;
    private final LongAdder storedCommands;
    private long revision;

    Growth(Service service, LongAdder storedCommands) {
        this.client = service.as(Api.newClient(), Service.editor(0));
        this.storedCommands = storedCommands;
    }

    void setUp() {
        client.require("POST", "/api/profiles", Map.of("id", PROFILE, "name", "Bench probe"));
        client.require("POST", "/api/profiles/" + PROFILE + "/sections", Map.of("id", "s", "title", "Claims"));
        revision = client.require("POST", "/api/profiles/" + PROFILE + "/sections/s/claims",
                Map.of("id", "c", "kind", "BULLET", "text", "Probe")).revision();
        storedCommands.add(3);
    }

    /**
     * Revises the probe's claim until the store holds {@code events} events, so that the first point is taken at a
     * store of that size, with a service that has answered that many commands, not on a cold one.
     */
    void fillTo(long events) {
        while (storedCommands.sum() < events) {
            revise("Fill " + storedCommands.sum());
        }
    }

    Point measure(int samples) {
        long storedEvents = storedCommands.sum();
        String path = "/api/profiles/" + PROFILE;
        Timing edits = Timing.of(samples, i -> revise("Probe " + storedEvents + " " + i));
        Timing reads = Timing.of(samples, i -> client.get(path + "?minRevision=" + revision));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Timing asOf = Timing.of(samples, i -> client.get(path + "?at=" + random.nextLong(1, Math.max(2, revision - samples))));
        return new Point(storedEvents, edits, reads, asOf);
    }

    private Api.Answer revise(String text) {
        Api.Answer answer = client.send("PUT", "/api/profiles/" + PROFILE + "/claims/c",
                Map.of("text", text, "baseRevision", revision));
        if (answer.status() == 200) {
            revision = answer.revision();
            storedCommands.increment();
        }
        return answer;
    }

    /** Stored events counts this run's own stored commands (each of its commands stores one event). */
    record Point(long storedEvents, Timing command, Timing currentProfile, Timing profileAsOf) {
    }
}
