package io.palimpsest.bench;

import java.util.List;
import java.util.Map;

/**
 * The shape shared with the ShareDB harness (bench/sharedb/load.mjs): editor {@code e} works on profile
 * {@code e % profiles}, revises its own claim {@code e<e>} or, with probability {@code conflictShare}, the profile's
 * shared claim {@code hot}, waiting a think time (uniform between half and one and a half times {@code thinkMs})
 * before each edit. Every text carries a token {@code #e<editor>n<count>#} so a receiver knows which edit it got.
 * Profiles are named {@code <profilePrefix><index>}. The first phase is warmed up for {@code firstWarmUpSeconds} (a JVM on two cores compiles hot code for minutes),
 * each later one for {@code warmUpSeconds}.
 */
record Workload(String profilePrefix, int editors, int profiles, int thinkMs, double conflictShare,
                int firstWarmUpSeconds, int warmUpSeconds, int seconds) {

    static final String SHARED_CLAIM = "hot";

    /** The crowd (issue 28, item 5): this many editors on one profile of their own, with the same conflict share. */
    Workload crowd(int crowdEditors, int crowdThinkMs) {
        return new Workload("bench-crowd", crowdEditors, 1, crowdThinkMs, conflictShare, warmUpSeconds, warmUpSeconds,
                seconds);
    }

    String profile(int editor) {
        return profileId(editor % profiles);
    }

    String profileId(int profile) {
        return profilePrefix + profile;
    }

    static String ownClaim(int editor) {
        return "e" + editor;
    }

    List<Integer> editorsOf(int profile) {
        return java.util.stream.IntStream.range(0, editors).filter(e -> e % profiles == profile).boxed().toList();
    }

    static String token(int editor, long count) {
        return "#e" + editor + "n" + count + "#";
    }

    /** The token inside a text, or null. */
    static String tokenIn(String text) {
        int start = text.indexOf("#e");
        int end = start < 0 ? -1 : text.indexOf('#', start + 1);
        return end < 0 ? null : text.substring(start, end + 1);
    }

    Map<String, Object> describe() {
        return Map.of("editors", editors, "profiles", profiles, "thinkMs", thinkMs, "conflictShare", conflictShare,
                "firstWarmUpSeconds", firstWarmUpSeconds, "warmUpSeconds", warmUpSeconds, "measuredSeconds", seconds);
    }
}
