package io.palimpsest.review;

/** A revision review knows nothing of (no such profile or revision, or not folded yet): answered as 404. */
public class UnknownChange extends RuntimeException {
    UnknownChange(String message) {
        super(message);
    }
}
