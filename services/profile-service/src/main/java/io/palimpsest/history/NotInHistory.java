package io.palimpsest.history;

/** A profile, revision or claim that history does not know: answered as 404. */
public class NotInHistory extends RuntimeException {
    NotInHistory(String message) {
        super(message);
    }
}
