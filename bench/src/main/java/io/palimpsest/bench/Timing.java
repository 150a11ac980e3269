package io.palimpsest.bench;

import java.util.function.IntFunction;

/** Times a request repeated {@code n} times, one after another; non-2xx answers are counted, not timed. */
record Timing(Percentiles latency, long failures, String firstFailure) {

    /** A request to be made {@code n} times: untimed to warm the service up, then timed. */
    record Planned(int n, IntFunction<Api.Answer> request) {

        void untimed() {
            for (int i = 0; i < n; i++) {
                request.apply(i);
            }
        }

        Timing timed() {
            return of(n, request);
        }
    }

    static Timing of(int n, IntFunction<Api.Answer> request) {
        long[] nanos = new long[n];
        int timed = 0;
        long failures = 0;
        String firstFailure = null;
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            Api.Answer answer = request.apply(i);
            long took = System.nanoTime() - start;
            if (answer.status() / 100 == 2) {
                nanos[timed++] = took;
            } else {
                failures++;
                firstFailure = firstFailure != null ? firstFailure : answer.status() + " " + answer.body();
            }
        }
        return new Timing(Percentiles.of(java.util.Arrays.copyOf(nanos, timed)), failures, firstFailure);
    }
}
