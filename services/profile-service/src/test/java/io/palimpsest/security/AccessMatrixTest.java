package io.palimpsest.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves every cell of the REST access matrix in docs/security.md over HTTP, and that the matrix and the
 * service's request mappings name the same endpoints, so a new endpoint cannot go without a row. Its own
 * context: an allowed ADMIN call starts a replay of the read models, which no other test should share, and one
 * compacts the store, briefly here (it holds the store while it runs).
 */
@DirtiesContext
@TestPropertySource(properties = "palimpsest.operations.compact-time=1s")
class AccessMatrixTest extends ServiceTest {

    private static final Path MATRIX = Path.of("../../docs/security.md");
    private static final List<String> CALLERS = List.of("anonymous", "rita", "alice", "vera", "ada");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Row(String method, String path, List<String> cells) {
        String endpoint() {
            return method + " " + path;
        }
    }

    static List<Row> matrix() throws IOException {
        List<String> lines = Files.readAllLines(MATRIX);
        int start = lines.indexOf("### REST");
        assertThat(start).as("docs/security.md has a '### REST' matrix").isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            String[] cells = line.split("\\|");
            if (cells.length == 8 && cells[1].trim().matches("GET|POST|PUT|PATCH|DELETE")) {
                rows.add(new Row(cells[1].trim(), cells[2].trim(),
                        Stream.of(cells).skip(3).map(String::trim).toList()));
            }
        }
        return rows;
    }

    private Set<String> apiEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(path -> path.startsWith("/api/"))
                .forEach(path -> {
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    assertThat(methods).as("%s names its HTTP methods", path).isNotEmpty();
                    methods.forEach(method -> endpoints.add(method + " " + path));
                }));
        return endpoints;
    }

    @Test
    void theMatrixHasARowForEveryEndpointAndNoRowForAMissingOne() throws IOException {
        Set<String> documented = new TreeSet<>();
        matrix().forEach(row -> documented.add(row.endpoint()));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(apiEndpoints());
    }

    @TestFactory
    Stream<DynamicTest> everyCellOfTheMatrixHolds() throws IOException {
        return matrix().stream().flatMap(row -> CALLERS.stream().map(caller -> {
            String expected = row.cells().get(CALLERS.indexOf(caller));
            return DynamicTest.dynamicTest(row.endpoint() + " as " + caller + " → " + expected,
                    () -> assertCell(row, caller, expected));
        }));
    }

    private void assertCell(Row row, String caller, String expected) {
        ApiClient client = caller.equals("anonymous") ? ApiClient.anonymous(baseUrl()) : as(caller);
        String path = probePath(row.path());
        ApiClient.Answer answer = send(client, row.method(), path);
        if (expected.equals("✓")) {
            assertThat(answer.status()).as("%s as %s: %s", row.endpoint(), caller, answer.body())
                    .isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(answer.status()).as("%s as %s: %s", row.endpoint(), caller, answer.body())
                    .isEqualTo(Integer.parseInt(expected));
            assertThat(answer.contentType()).startsWith("application/problem+json");
            JsonNode problem = answer.json();
            assertThat(problem.get("type").asText()).as("%s as %s", row.endpoint(), caller)
                    .endsWith(expected.equals("401") ? "/unauthorized" : "/forbidden");
            assertThat(problem.get("instance").asText()).isEqualTo(URI.create(path).getPath());
        }
    }

    /** A path of a profile that does not exist: an allowed call is refused for that, never for the caller. */
    private static String probePath(String pattern) {
        if (pattern.equals("/api/changes")) {
            return pattern + "?to=2000-01-01T00:00:00Z"; // a range that is over: the stream ends rather than lasts
        }
        return pattern.replace("{profileId}", "matrix-probe").replace("{revision}", "1")
                .replaceAll("\\{[^}]+}", "probe");
    }

    private static ApiClient.Answer send(ApiClient client, String method, String path) {
        return switch (method) {
            case "GET" -> client.get(path);
            case "POST" -> client.post(path, Map.of());
            case "PUT" -> client.put(path, Map.of());
            case "PATCH" -> client.patch(path, Map.of());
            case "DELETE" -> client.delete(path);
            default -> throw new IllegalArgumentException(method);
        };
    }
}
