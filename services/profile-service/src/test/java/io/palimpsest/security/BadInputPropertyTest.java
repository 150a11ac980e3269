package io.palimpsest.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palimpsest.ProfileServiceApplication;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated bad requests (jqwik): whatever is wrong — the JSON, a type, a missing field, an id's shape, an
 * unknown id, the base revision, a size, the encoding, a control character, a URL's scheme, an import that
 * is not a profile, a duplicate id, a missing or still-cited source — the answer is a 4xx problem that says
 * what is wrong, and the event store has not changed. The service runs once for all tries.
 */
class BadInputPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String P = "fixture";
    private static final String BASE = "/api/profiles/" + P;

    private static ConfigurableApplicationContext service;
    private static Path dataDir;
    private static String baseUrl;
    private static long revision;
    private static String claim;
    private static String citedSource;
    private static String connection;

    /** One request as bytes on the wire, and what is wrong with it. */
    record Attempt(String why, String method, String path, String contentType, byte[] body) {
        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return why + ": " + method + " " + path + " " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
        }
    }

    /** A request that would succeed as it stands; the generators spoil it. */
    record Template(String method, String path, Map<String, Object> body, List<String> required) {
        Attempt with(String why, Map<String, Object> changed) {
            return json(why, method, path, changed);
        }
    }

    @BeforeContainer
    static void startServiceWithFixture() throws Exception {
        dataDir = Files.createTempDirectory("bad-input");
        service = new SpringApplicationBuilder(ProfileServiceApplication.class).run("--server.port=0",
                "--palimpsest.storage.data-dir=" + dataDir, "--palimpsest.storage.database=bad-input-" + UUID.randomUUID(),
                "--palimpsest.users=" + ServiceTest.USERS, "--palimpsest.limits.edit-burst=1000000");
        baseUrl = "http://localhost:" + ((ServletWebServerApplicationContext) service).getWebServer().getPort();
        ApiClient alice = ApiClient.as(baseUrl, "alice", "alice-pw");
        assertThat(alice.post("/api/profiles", Map.of("id", P, "name", "Fixture")).status()).isEqualTo(201);
        assertThat(alice.post(BASE + "/sections", Map.of("title", "What They Do")).status()).isEqualTo(201);
        citedSource = alice.post(BASE + "/sources", Map.of("title", "Report", "url", "https://example.org/r"))
                .json().get("createdId").asText();
        assertThat(alice.post(BASE + "/sources", Map.of("title", "Other", "url", "https://example.org/o")).status())
                .isEqualTo(201);
        claim = alice.post(BASE + "/sections/what-they-do/claims", Map.of("kind", "PARAGRAPH", "text", "A claim.",
                "citations", List.of(citedSource))).json().get("createdId").asText();
        JsonNode added = alice.post(BASE + "/connections", Map.of("target", "Concordia AI", "relation", "collaborator"))
                .json();
        connection = added.get("createdId").asText();
        revision = added.get("revision").asLong();
    }

    @AfterContainer
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Property(tries = 200)
    void everyBadRequestIsAProblemAndAppendsNothing(@ForAll("badRequests") Attempt attempt) throws Exception {
        refusedWithoutEffect(attempt);
    }

    /** The fixed cases are drawn at random above; here each of them is sent once, whatever the draw. */
    @Example
    void everyFixedBadRequestIsAProblemAndAppendsNothing() throws Exception {
        for (Attempt attempt : fixedRefusals()) {
            refusedWithoutEffect(attempt);
        }
    }

    private void refusedWithoutEffect(Attempt attempt) throws Exception {
        Object headBefore = head();

        HttpResponse<String> answer = send(attempt);

        assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("detail").asText()).isNotBlank();
        assertThat(head()).as("event store head").isEqualTo(headBefore);
    }

    private static Object head() {
        return service.getBean(EventStore.class).createHeadToken();
    }

    @Provide
    Arbitrary<Attempt> badRequests() {
        return Arbitraries.oneOf(List.of(truncatedJson(), wrongType(), missingField(), badIdShape(), unknownId(),
                badBaseRevision(), overLongField(), oversizeBody(), invalidUtf8(), controlCharacter(), nonWebUrl(),
                Arbitraries.of(fixedRefusals())));
    }

    private static List<Template> templates() {
        return List.of(
                new Template("PUT", BASE + "/claims/" + claim, body("text", "New text.", "baseRevision", revision),
                        List.of("text", "baseRevision")),
                new Template("POST", BASE + "/sections/what-they-do/claims",
                        body("kind", "BULLET", "text", "Another claim.", "citations", List.of(citedSource)),
                        List.of("kind", "text")),
                new Template("POST", BASE + "/claims/" + claim + "/move", body("position", 0), List.of("position")),
                new Template("PUT", BASE + "/facts/Founded", body("value", "2024"), List.of("value")),
                new Template("POST", BASE + "/sections", body("title", "Funding"), List.of("title")),
                new Template("PUT", BASE + "/sections/what-they-do", body("title", "Activities"), List.of("title")),
                new Template("POST", BASE + "/sources", body("title", "Annual report", "url", "https://example.org/a"),
                        List.of("title")),
                new Template("POST", BASE + "/connections", body("target", "FAR AI", "relation", "collaborator"),
                        List.of("target", "relation")),
                new Template("POST", "/api/profiles", body("name", "Acme Safety"), List.of("name")));
    }

    private Arbitrary<Attempt> truncatedJson() {
        return Arbitraries.of(templates()).flatMap(t -> {
            String text = write(t.body());
            return Arbitraries.integers().between(1, text.length() - 1).map(cut ->
                    raw("malformed JSON", t.method(), t.path(), "application/json", text.substring(0, cut)));
        });
    }

    private Arbitrary<Attempt> wrongType() {
        return Arbitraries.of(templates()).flatMap(t -> Arbitraries.of(t.body().keySet()).flatMap(field -> {
            Object value = t.body().get(field);
            Arbitrary<Object> wrong = value instanceof Number ? Arbitraries.of("abc", Map.of(), List.of(1))
                    : value instanceof List ? Arbitraries.of(Map.of(), 5)
                    : field.equals("kind") ? Arbitraries.of("NOT_A_KIND", Map.of())
                    : Arbitraries.of(Map.of(), List.of(1, 2));
            return wrong.map(w -> t.with("wrong type of " + field, replaced(t.body(), field, w)));
        }));
    }

    private Arbitrary<Attempt> missingField() {
        return Arbitraries.of(templates()).flatMap(t -> Arbitraries.of(t.required()).map(field -> {
            Map<String, Object> without = new LinkedHashMap<>(t.body());
            without.remove(field);
            return t.with("missing " + field, without);
        }));
    }

    private Arbitrary<Attempt> badIdShape() {
        Arbitrary<String> forbidden = Arbitraries.of(".", "~", "!", "@", "+", "é", " ", "$", "'", "(", "*", "中", ":");
        Arbitrary<String> alnum = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> badId = Arbitraries.oneOf(
                Combinators.combine(alnum, forbidden, alnum).as((a, f, b) -> a + f + b),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(101).ofMaxLength(140));
        return Combinators.combine(badId, Arbitraries.of("profile", "claim", "section", "source", "connection"))
                .as((id, where) -> {
                    String segment = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
                    return switch (where) {
                        case "profile" -> json("bad profile id", "PUT", "/api/profiles/" + segment + "/facts/Founded",
                                body("value", "x"));
                        case "claim" -> json("bad claim id", "PUT", BASE + "/claims/" + segment,
                                body("text", "x", "baseRevision", revision));
                        case "section" -> json("bad section id", "POST", BASE + "/sections/" + segment + "/claims",
                                body("kind", "BULLET", "text", "x"));
                        case "source" -> json("bad source id", "PUT", BASE + "/claims/" + claim + "/citations/" + segment,
                                Map.of());
                        default -> json("bad connection id", "POST", BASE + "/connections",
                                body("id", id, "target", "X", "relation", "y"));
                    };
                });
    }

    private Arbitrary<Attempt> unknownId() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(8).flatMap(id -> Arbitraries.of(
                json("unknown profile", "PUT", "/api/profiles/no-such-" + id + "/facts/Founded", body("value", "x")),
                json("unknown claim", "PUT", BASE + "/claims/zz-" + id, body("text", "x", "baseRevision", revision)),
                json("unknown section", "POST", BASE + "/sections/zz-" + id + "/claims", body("kind", "BULLET", "text", "x")),
                json("unknown source", "PUT", BASE + "/sources/zz-" + id, body("title", "T", "url", "https://e.org")),
                json("unknown connection", "DELETE", BASE + "/connections/zz-" + id, Map.of()),
                json("unknown fact", "DELETE", BASE + "/facts/Zz" + id, Map.of()),
                json("citation of a missing source", "PUT", BASE + "/claims/" + claim + "/citations/zz-" + id, Map.of()),
                json("claim citing a missing source", "POST", BASE + "/sections/what-they-do/claims",
                        body("kind", "BULLET", "text", "x", "citations", List.of("zz-" + id)))));
    }

    private Arbitrary<Attempt> badBaseRevision() {
        Arbitrary<Long> bad = Arbitraries.oneOf(Arbitraries.longs().between(Long.MIN_VALUE / 2, -1),
                Arbitraries.longs().between(revision + 1, Long.MAX_VALUE / 2));
        return Combinators.combine(Arbitraries.of(templates().subList(0, templates().size() - 1)), bad)
                .as((t, base) -> t.with("base revision " + base, replaced(t.body(), "baseRevision", base)));
    }

    private Arbitrary<Attempt> overLongField() {
        return Arbitraries.of(templates().stream().filter(t -> !stringFields(t).isEmpty()).toList())
                .flatMap(t -> Arbitraries.of(stringFields(t)).flatMap(field -> Arbitraries.integers().between(1, 50).map(extra -> {
                    int limit = field.equals("text") ? 20_000 : 2_000;
                    return t.with(field + " over " + limit + " characters", replaced(t.body(), field, "x".repeat(limit + extra)));
                })));
    }

    private static List<String> stringFields(Template template) {
        return template.body().keySet().stream()
                .filter(field -> template.body().get(field) instanceof String && !field.equals("kind")).toList();
    }

    private Arbitrary<Attempt> oversizeBody() {
        return Arbitraries.of(
                json("edit body over 256 KB", "PUT", BASE + "/facts/Founded",
                        body("value", "x", "summary", "y".repeat(256 * 1024))),
                raw("import over 4 MB", "POST", "/api/profiles/import", "text/plain", "Name\n" + "z".repeat(4 * 1024 * 1024)));
    }

    private Arbitrary<Attempt> invalidUtf8() {
        Arbitrary<byte[]> broken = Arbitraries.of(new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xC3, 0x28},
                new byte[]{(byte) 0xE2, (byte) 0x82}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[]{(byte) 0xC0, (byte) 0xAF}, new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80});
        return Combinators.combine(Arbitraries.of(templates()), broken).as((t, bytes) -> {
            String text = write(t.body());
            int at = text.indexOf(":\"") + 2;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bytes);
            out.writeBytes(text.substring(at).getBytes(StandardCharsets.UTF_8));
            return new Attempt("invalid UTF-8", t.method(), t.path(), "application/json", out.toByteArray());
        });
    }

    private Arbitrary<Attempt> controlCharacter() {
        Arbitrary<Integer> control = Arbitraries.oneOf(Arbitraries.integers().between(0, 0x1F)
                .filter(c -> c != '\t' && c != '\n' && c != '\r'), Arbitraries.integers().between(0x7F, 0x9F),
                Arbitraries.integers().between(0xD800, 0xDFFF));
        return Combinators.combine(Arbitraries.of(templates()), control).as((t, c) -> {
            String text = write(t.body());
            int at = text.indexOf(":\"") + 2;
            return raw(String.format("character U+%04X", c), t.method(), t.path(), "application/json",
                    text.substring(0, at) + String.format("\\u%04x", c) + text.substring(at));
        });
    }

    private Arbitrary<Attempt> nonWebUrl() {
        return Arbitraries.of("javascript:alert(1)", "ftp://example.org/r", "file:///etc/passwd",
                "data:text/html,<script>x</script>", "mailto:a@example.org", "//example.org/r", "http://",
                "https:///path", "example.org/r", "gopher://example.org", "vbscript:msgbox", "http://exa mple.org")
                .flatMap(url -> Arbitraries.of(
                        json("source URL " + url, "POST", BASE + "/sources", body("title", "T", "url", url)),
                        json("source URL " + url, "PUT", BASE + "/sources/" + citedSource, body("title", "T", "url", url))));
    }

    private static List<Attempt> fixedRefusals() {
        List<Attempt> fixed = new ArrayList<>(List.of(
                raw("malformed JSON", "PUT", BASE + "/facts/Founded", "application/json", "{'value':'x'}"),
                raw("malformed JSON", "PUT", BASE + "/facts/Founded", "application/json", "{\"value\":\"x\",}"),
                raw("JSON that is not an object", "PUT", BASE + "/facts/Founded", "application/json", "[\"x\"]"),
                raw("duplicate JSON key", "PUT", BASE + "/facts/Founded", "application/json",
                        "{\"value\":\"a\",\"value\":\"b\"}"),
                raw("not JSON at all", "PUT", BASE + "/facts/Founded", "text/xml", "<value>x</value>"),
                raw("no body", "PUT", BASE + "/facts/Founded", "application/json", ""),
                raw("import that is not a profile", "POST", "/api/profiles/import", "text/plain", ""),
                raw("import that is not a profile", "POST", "/api/profiles/import", "text/plain", "   \n\n"),
                raw("import that is not a profile", "POST", "/api/profiles/import", "text/plain", "Just a name"),
                raw("import that is not a profile", "POST", "/api/profiles/import", "text/markdown", "# \n\nno name"),
                raw("import that is not a profile", "POST", "/api/profiles/import", "application/json", "[]"),
                raw("import that is not a profile", "POST", "/api/profiles/import", "application/json", "{}"),
                raw("import that is not a profile", "POST", "/api/profiles/import", "application/json",
                        "{\"identity\":{\"name\":\"\"}}"),
                json("import with duplicate section ids", "POST", "/api/profiles/import?id=dup-sections", body(
                        "identity", body("name", "Dup"), "sections", List.of(section("s", List.of()), section("s", List.of())))),
                json("import with duplicate claim ids", "POST", "/api/profiles/import?id=dup-claims", body(
                        "identity", body("name", "Dup"), "sections", List.of(section("s", List.of(claim("c", List.of()),
                                claim("c", List.of())))))),
                json("import citing a missing source", "POST", "/api/profiles/import?id=dangling", body(
                        "identity", body("name", "Dangling"), "sections", List.of(section("s",
                                List.of(claim("c", List.of("s9"))))))),
                json("import with duplicate source ids", "POST", "/api/profiles/import?id=dup-sources", body(
                        "identity", body("name", "Dup"), "sources", List.of(source("s1"), source("s1")))),
                json("import over an existing profile", "POST", "/api/profiles/import?id=" + P, body(
                        "identity", body("name", "Again"))),
                json("existing profile id", "POST", "/api/profiles", body("id", P, "name", "Again")),
                json("existing section id", "POST", BASE + "/sections", body("id", "what-they-do", "title", "Again")),
                // Jackson trims enum names with String.trim(), which also strips control characters.
                json("control character in an enum value", "POST", BASE + "/sections/what-they-do/claims",
                        body("kind", "\u0010BULLET", "text", "x")),
                json("white space around an enum value", "POST", BASE + "/sections/what-they-do/claims",
                        body("kind", " BULLET", "text", "x")),
                json("existing claim id", "POST", BASE + "/sections/what-they-do/claims",
                        body("id", claim, "kind", "BULLET", "text", "x")),
                json("existing connection id", "POST", BASE + "/connections",
                        body("id", connection, "target", "X", "relation", "y")),
                json("removing a still-cited source", "DELETE", BASE + "/sources/" + citedSource, Map.of()),
                json("position out of range", "POST", BASE + "/claims/" + claim + "/move", body("position", 99)),
                json("unknown export format", "GET", BASE + "/export?format=pdf", Map.of()),
                raw("control character in a query parameter", "POST", "/api/profiles/import?summary=a%01b", "text/plain",
                        "Name")));
        return fixed;
    }

    private static Map<String, Object> section(String id, List<Object> claims) {
        return body("id", id, "title", "Title " + id, "claims", claims);
    }

    private static Map<String, Object> claim(String id, List<String> citations) {
        return body("id", id, "kind", "PARAGRAPH", "text", "Text.", "citations", citations);
    }

    private static Map<String, Object> source(String id) {
        return body("id", id, "number", 1, "title", "Source", "url", "https://example.org");
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    private static Map<String, Object> replaced(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static Attempt json(String why, String method, String path, Map<String, Object> body) {
        return raw(why, method, path, "application/json", write(body));
    }

    private static Attempt raw(String why, String method, String path, String contentType, String body) {
        return new Attempt(why, method, path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static HttpResponse<String> send(Attempt attempt) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + attempt.path()))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", Objects.requireNonNull(attempt.contentType()))
                .method(attempt.method(), attempt.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
