package io.palimpsest.importing;

/** The text handed to an import is not a profile in any layout we read; the message says what and where. */
public class UnreadableProfileException extends IllegalArgumentException {
    public UnreadableProfileException(String message) {
        super(message);
    }
}
