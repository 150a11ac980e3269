package io.palimpsest.importing;

import java.util.OptionalInt;

/**
 * The text handed to an import is not a profile in any layout we read; the message says what and where, and
 * {@link #line()} the line (from 1) when one line is to blame, so a client can point at it.
 */
public class UnreadableProfileException extends IllegalArgumentException {

    private final OptionalInt line;

    public UnreadableProfileException(String message) {
        this(message, OptionalInt.empty());
    }

    private UnreadableProfileException(String message, OptionalInt line) {
        super(message);
        this.line = line;
    }

    static UnreadableProfileException atLine(int line, String message) {
        return new UnreadableProfileException(message, OptionalInt.of(line));
    }

    public OptionalInt line() {
        return line;
    }
}
