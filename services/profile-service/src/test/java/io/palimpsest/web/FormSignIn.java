package io.palimpsest.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The web editor's form sign-in over plain HTTP, as a browser does it: the CSRF cookie first, then the form. */
public final class FormSignIn {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private FormSignIn() {
    }

    /** The session cookie's value after signing in at {@code baseUrl}. */
    public static String session(String baseUrl, String user, String password) throws Exception {
        HttpResponse<String> signedIn = signIn(baseUrl, user, password, csrfToken(baseUrl), null);
        return cookie(signedIn, "JSESSIONID").orElseThrow(() -> new AssertionError("No session: " + signedIn));
    }

    static String csrfToken(String baseUrl) throws IOException, InterruptedException {
        return cookie(send(HttpRequest.newBuilder(URI.create(baseUrl + "/sign-in"))), "XSRF-TOKEN").orElseThrow();
    }

    static HttpResponse<String> signIn(String baseUrl, String user, String password, String csrf, String next)
            throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder("username=" + user + "&password=" + password);
        if (csrf != null) form.append("&_csrf=").append(csrf);
        if (next != null) form.append("&next=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        if (csrf != null) request.header("Cookie", "XSRF-TOKEN=" + csrf);
        return send(request);
    }

    static Optional<String> cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(name + "=") && !header.startsWith(name + "=;"))
                .map(header -> header.substring(name.length() + 1, header.indexOf(';')))
                .findFirst();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
