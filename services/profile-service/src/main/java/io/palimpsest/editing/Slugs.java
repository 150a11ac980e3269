package io.palimpsest.editing;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Predicate;

/** URL-safe ids made from names and titles: "What's Absent" becomes "whats-absent". */
public final class Slugs {

    private Slugs() {
    }

    public static String of(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT)
                .replaceAll("['’]", "")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "untitled" : slug;
    }

    /** The slug of {@code text}, suffixed -2, -3, ... until {@code taken} says it is free. */
    public static String unique(String text, Predicate<String> taken) {
        String base = of(text);
        String candidate = base;
        for (int n = 2; taken.test(candidate); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }
}
