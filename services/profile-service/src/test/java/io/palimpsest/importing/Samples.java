package io.palimpsest.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Page texts kept as test data under {@code src/test/resources/samples}. */
final class Samples {

    static final String BEIJING_AISI = "samples/000_9766725a61e7e7e5.txt";

    private Samples() {
    }

    static String read(String resource) {
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
