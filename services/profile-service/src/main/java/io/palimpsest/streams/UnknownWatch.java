package io.palimpsest.streams;

/** A watch id the signed-in user does not have: 404. */
public class UnknownWatch extends RuntimeException {
    UnknownWatch(String watchId) {
        super("You have no watch '" + watchId + "'");
    }
}
