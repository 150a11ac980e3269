package io.palimpsest.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Command-line settings, {@code --name=value}; every one has a default sized for a full run (docs/benchmarks.md). */
record Options(Map<String, String> values) {

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, got " + arg);
            }
            values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return new Options(values);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int number(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    double fraction(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    /** A comma-separated list of whole numbers; none when absent or blank. */
    List<Long> numbers(String name) {
        String list = values.getOrDefault(name, "");
        return list.isBlank() ? List.of() : Arrays.stream(list.split(",")).map(String::trim).map(Long::parseLong)
                .toList();
    }

    Path path(String name, String fallback) {
        return Path.of(text(name, fallback));
    }
}
