package io.palimpsest.live;

import io.palimpsest.common.Ids;
import io.palimpsest.streams.WatchPush;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The destinations of the live protocol, each about one profile but the connection's own edit answers and the user's
 * own watched changes.
 */
record LiveDestination(Kind kind, String profileId) {

    enum Kind {
        /** {@code /topic/profiles/{id}}: the profile's changes. */
        CHANGES,
        /** {@code /topic/profiles/{id}/presence}: who is editing the profile. */
        PRESENCE_LIST,
        /** {@code /app/profiles/{id}/presence}: where an editor announces itself. */
        ANNOUNCE,
        /** {@code /app/profiles/{id}/edits}: where an editor sends an edit of the profile. */
        EDIT,
        /** {@code /user/queue/edits}: the answers to the connection's own edits (no profile). */
        EDIT_ANSWERS,
        /** {@code /user/queue/changes}: the changes in what the subscriber watches (streams.WatchPush; no profile). */
        WATCHED
    }

    static final String EDIT_ANSWERS = "/user/queue/edits";

    private static final Pattern SHAPE = Pattern.compile("/(topic|app)/profiles/([^/]+)(/presence|/edits)?");

    static Optional<LiveDestination> parse(String destination) {
        if (WatchPush.DESTINATION.equals(destination)) {
            return Optional.of(new LiveDestination(Kind.WATCHED, null));
        }
        if (EDIT_ANSWERS.equals(destination)) {
            return Optional.of(new LiveDestination(Kind.EDIT_ANSWERS, null));
        }
        Matcher m = destination == null ? null : SHAPE.matcher(destination);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        Kind kind = kind(m.group(1).equals("app"), m.group(3));
        return kind == null ? Optional.empty() : Optional.of(new LiveDestination(kind, Ids.profile(m.group(2))));
    }

    private static Kind kind(boolean app, String suffix) {
        if (app) {
            return suffix == null ? null : suffix.equals("/presence") ? Kind.ANNOUNCE : Kind.EDIT;
        }
        return suffix == null ? Kind.CHANGES : suffix.equals("/presence") ? Kind.PRESENCE_LIST : null;
    }

    static String changes(String profileId) {
        return "/topic/profiles/" + profileId;
    }

    static String presenceList(String profileId) {
        return "/topic/profiles/" + profileId + "/presence";
    }
}
