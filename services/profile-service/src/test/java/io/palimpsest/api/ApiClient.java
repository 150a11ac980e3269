package io.palimpsest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** A third-party client of the REST API: plain HTTP with Basic credentials, JSON in and out. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final Map<String, String> ANY_ANSWER = Map.of("Accept",
            "application/json, application/problem+json, text/markdown, */*");

    private final String baseUrl;
    private final String authorization;
    private final Map<String, String> headers;
    private final Duration timeout;

    private ApiClient(String baseUrl, String authorization, Map<String, String> headers) {
        this(baseUrl, authorization, headers, Duration.ofSeconds(30));
    }

    private ApiClient(String baseUrl, String authorization, Map<String, String> headers, Duration timeout) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.headers = headers;
        this.timeout = timeout;
    }

    /** The same client, waiting up to {@code timeout} for an answer (30 s unless said), for calls that take long. */
    public ApiClient waitingUpTo(Duration timeout) {
        return new ApiClient(baseUrl, authorization, headers, timeout);
    }

    public static ApiClient as(String baseUrl, String user, String password) {
        return new ApiClient(baseUrl, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)), ANY_ANSWER);
    }

    public static ApiClient anonymous(String baseUrl) {
        return new ApiClient(baseUrl, null, ANY_ANSWER);
    }

    /** The same client, sending {@code value} as its header {@code name} with every request. */
    public ApiClient withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new ApiClient(baseUrl, authorization, Map.copyOf(more), timeout);
    }

    /** The same client, sending {@code accept} as its Accept header. */
    public ApiClient accepting(String accept) {
        return withHeader("Accept", accept);
    }

    /** A response: status, raw body, and the body as JSON when it is JSON. */
    public record Answer(int status, String body, HttpResponse<String> response) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").POST(json(body)));
    }

    public Answer postText(String path, String contentType, String text) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)));
    }

    public Answer put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").PUT(json(body)));
    }

    public Answer patch(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").method("PATCH", json(body)));
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    public Answer head(String path) {
        return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout);
        headers.forEach(builder::header);
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException("Request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
