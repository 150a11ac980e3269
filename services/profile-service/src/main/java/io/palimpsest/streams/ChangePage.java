package io.palimpsest.streams;

import java.util.List;

/** One page of the feed; ask again with {@code after=next} for the changes after it (also when it is empty). */
record ChangePage(List<Change> changes, String next) {
}
