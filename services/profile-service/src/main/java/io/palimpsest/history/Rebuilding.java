package io.palimpsest.history;

/** The history read models are being rebuilt and cannot answer yet: answered as 503 with Retry-After. */
public class Rebuilding extends RuntimeException {
    Rebuilding(String message) {
        super(message);
    }
}
