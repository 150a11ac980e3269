package io.palimpsest.history;

/** A read model is being rebuilt and cannot answer whole yet: answered as 503 with Retry-After. */
public class Rebuilding extends RuntimeException {
    Rebuilding(String message) {
        super(message);
    }
}
