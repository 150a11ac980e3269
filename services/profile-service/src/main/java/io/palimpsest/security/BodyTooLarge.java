package io.palimpsest.security;

import org.springframework.util.unit.DataSize;

/** A request body over the configured limit; nothing of it was read beyond the limit. */
public class BodyTooLarge extends RuntimeException {

    BodyTooLarge(String what, DataSize limit) {
        super("The body of " + what + " is larger than " + limit.toKilobytes() + " KB");
    }
}
