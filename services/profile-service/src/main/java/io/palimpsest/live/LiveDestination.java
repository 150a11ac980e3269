package io.palimpsest.live;

import io.palimpsest.common.Ids;
import io.palimpsest.streams.WatchPush;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The destinations of the live protocol: each about one profile, but the user's own queue of watched changes. */
record LiveDestination(Kind kind, String profileId) {

    enum Kind {
        /** {@code /topic/profiles/{id}}: the profile's changes. */
        CHANGES,
        /** {@code /topic/profiles/{id}/presence}: who is editing the profile. */
        PRESENCE_LIST,
        /** {@code /app/profiles/{id}/presence}: where an editor announces itself. */
        ANNOUNCE,
        /** {@code /user/queue/changes}: the changes in what the subscriber watches (streams.WatchPush). */
        WATCHED
    }


    private static final Pattern SHAPE = Pattern.compile("/(topic|app)/profiles/([^/]+)(/presence)?");

    static Optional<LiveDestination> parse(String destination) {
        if (WatchPush.DESTINATION.equals(destination)) {
            return Optional.of(new LiveDestination(Kind.WATCHED, null));
        }
        Matcher m = destination == null ? null : SHAPE.matcher(destination);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        boolean presence = m.group(3) != null;
        Kind kind = m.group(1).equals("app") ? (presence ? Kind.ANNOUNCE : null)
                : presence ? Kind.PRESENCE_LIST : Kind.CHANGES;
        return kind == null ? Optional.empty() : Optional.of(new LiveDestination(kind, Ids.profile(m.group(2))));
    }

    static String changes(String profileId) {
        return "/topic/profiles/" + profileId;
    }

    static String presenceList(String profileId) {
        return "/topic/profiles/" + profileId + "/presence";
    }
}
