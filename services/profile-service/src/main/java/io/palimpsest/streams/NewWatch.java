package io.palimpsest.streams;

import java.util.List;

/** Body of {@code POST /api/me/watches}: what to watch ({@link Watch}) and, optionally, which kinds of change. */
record NewWatch(String profile, String section, String claim, String source, String editor, List<String> kinds) {
}
