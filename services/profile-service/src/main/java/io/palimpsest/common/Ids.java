package io.palimpsest.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The shapes of ids and values a request may carry. A request that breaks one is a client error
 * ({@link BadRequest}) before any command is sent.
 */
public final class Ids {

    private static final Pattern PROFILE_ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?");
    private static final Pattern ELEMENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final int MAX_FACT_KEY = 100;

    private Ids() {
    }

    /** A request that is malformed as it stands. */
    public static class BadRequest extends RuntimeException {
        public BadRequest(String message) {
            super(message);
        }
    }

    public static String profile(String id) {
        if (id == null || !PROFILE_ID.matcher(id).matches()) {
            throw new BadRequest("'" + id + "' is not a profile id: use lowercase letters, digits and hyphens");
        }
        return id;
    }

    public static String element(String id, String what) {
        if (id == null || !ELEMENT_ID.matcher(id).matches()) {
            throw new BadRequest("'" + id + "' is not a valid " + what + ": use letters, digits, '-' and '_'");
        }
        return id;
    }

    public static String optionalElement(String id, String what) {
        return id == null ? null : element(id, what);
    }

    public static String factKey(String key) {
        if (key == null || key.isBlank() || key.length() > MAX_FACT_KEY) {
            throw new BadRequest("A fact key must be 1 to " + MAX_FACT_KEY + " characters");
        }
        return key;
    }

    public static int position(Integer position) {
        return required(position, "position");
    }

    /** A revision a read must wait for (a write made through another node); 0 when none is named. */
    public static long minRevision(Long minRevision) {
        if (minRevision != null && minRevision < 1) {
            throw new BadRequest("'minRevision' must be 1 or more");
        }
        return minRevision == null ? 0 : minRevision;
    }

    /** An optional instant parameter such as {@code since=2026-03-01T00:00:00Z}; null when absent. */
    public static Instant instant(String value, String parameter) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest("'" + parameter + "' is not an instant such as 2026-03-01T00:00:00Z: '" + value
                    + "'");
        }
    }

    public static <T> T required(T value, String field) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new BadRequest("'" + field + "' is required");
        }
        return value;
    }

    /** Only web links: a source URL is shown to readers as a link. */
    public static String url(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        if (isWebLink(url)) {
            return url;
        }
        throw new BadRequest("'" + url + "' is not an http(s) URL");
    }

    /** Whether {@code url} is an absolute http or https URL with a host. */
    public static boolean isWebLink(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
