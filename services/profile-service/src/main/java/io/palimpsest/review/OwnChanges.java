package io.palimpsest.review;

/** A reviewer asked to undo their own changes: nobody reviews their own, so it is answered as 403. */
public class OwnChanges extends RuntimeException {
    OwnChanges(String message) {
        super(message);
    }
}
