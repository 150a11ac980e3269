package io.palimpsest.streams;

import io.palimpsest.common.Ids;
import org.axonframework.eventhandling.GapAwareTrackingToken;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A place in the event log that a consumer resumes after: the global position of the last change it was sent and,
 * rarely, the positions below it that the store had not decided yet ({@code 42:39,40}). Those are positions a
 * writer allocated but had not committed when the change at 42 was read; their commits may still arrive, so a
 * resume must ask for them again rather than start plainly after 42 (docs/storage.md, "Gaps and seals").
 */
record Cursor(GapAwareTrackingToken token) {

    private static final Pattern SHAPE = Pattern.compile("\\d{1,18}(:\\d{1,18}(,\\d{1,18})*)?");

    /** Before the first event: {@code 0}. */
    static final Cursor START = new Cursor(GapAwareTrackingToken.newInstance(0, Collections.emptySet()));

    static Cursor parse(String text, String parameter) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            throw new Ids.BadRequest("'" + parameter + "' is not a position such as 42 (or 42:39,40 as sent in an "
                    + "event's id): '" + text + "'");
        }
        String[] parts = text.split(":");
        long index = Long.parseLong(parts[0]);
        SortedSet<Long> gaps = new TreeSet<>();
        if (parts.length > 1) {
            for (String gap : parts[1].split(",")) {
                gaps.add(Long.parseLong(gap));
            }
        }
        if (!gaps.isEmpty() && gaps.last() >= index) {
            throw new Ids.BadRequest("'" + parameter + "': the positions after ':' lie below the position: '" + text + "'");
        }
        return new Cursor(GapAwareTrackingToken.newInstance(index, gaps));
    }

    /** Where a reader stands after {@code token}; the tail (nothing read yet) is {@link #START}. */
    static Cursor of(Object token) {
        return token instanceof GapAwareTrackingToken gapAware ? new Cursor(gapAware) : START;
    }

    @Override
    public String toString() {
        if (token.getGaps().isEmpty()) {
            return Long.toString(token.getIndex());
        }
        return token.getIndex() + ":" + token.getGaps().stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
