package io.palimpsest.bench;

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

/** The service's REST API as one user sees it (HTTP Basic). */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;

    Api(HttpClient http, String baseUrl, String user, String password) {
        this(http, baseUrl, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private Api(HttpClient http, String baseUrl, String authorization) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /** Without credentials: Spring answers 401 to any Basic header it cannot verify, even on open endpoints. */
    static Api anonymous(String baseUrl) {
        return new Api(newClient(), baseUrl, (String) null);
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    String baseUrl() {
        return baseUrl;
    }

    String authorization() {
        return authorization;
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }

    /** Sends and insists on a 2xx answer: for setting up the workload, where anything else is a broken run. */
    Answer require(String method, String path, Object body) {
        Answer answer = send(method, path, body);
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + body, e);
            }
        }

        long revision() {
            return json().path("revision").asLong();
        }
    }
}
