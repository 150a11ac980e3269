package io.palimpsest.operations;

import io.palimpsest.api.ApiClient;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One scrape of {@code /actuator/prometheus}: every sample, keyed by its name and labels as the text format has them. */
record Scrape(Map<String, Double> samples) {

    static Scrape of(ApiClient client) {
        ApiClient.Answer answer = client.get("/actuator/prometheus");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : answer.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return new Scrape(samples);
    }

    /** The sample of that name whose labels include every one given (such as {@code reason="conflict"}); 0 if none. */
    double value(String name, String... labels) {
        return samples.entrySet().stream().filter(sample -> matches(sample.getKey(), name, labels))
                .mapToDouble(Map.Entry::getValue).findFirst().orElse(0);
    }

    /** Whether the scrape has the metric: a sample of that name, or for a timer, its count. */
    boolean has(String name) {
        return samples.keySet().stream().anyMatch(key -> matches(key, name) || matches(key, name + "_count"));
    }

    private static boolean matches(String key, String name, String... labels) {
        if (!(key.equals(name) || key.startsWith(name + "{"))) {
            return false;
        }
        for (String label : labels) {
            if (!key.contains(label)) {
                return false;
            }
        }
        return true;
    }
}
