package io.palimpsest.history;

/** A revision whose change cannot be taken back by edits (a creation, an import, a review): answered as 422. */
public class NotUndoable extends RuntimeException {
    NotUndoable(String message) {
        super(message);
    }
}
