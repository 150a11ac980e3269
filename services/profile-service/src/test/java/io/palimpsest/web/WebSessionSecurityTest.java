package io.palimpsest.web;

import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web editor's form sign-in and session (security.PageSessions) over plain HTTP: every session write needs the
 * CSRF token, signing in does too, API clients with Basic never get a session, and sign-in goes back only to a page
 * of this site.
 */
class WebSessionSecurityTest extends ServiceTest {

    @Test
    void aPageOpenedWithoutSigningInSendsTheBrowserToSignInAndBack() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/profiles/acme?at=3")));
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/sign-in?next=%2Fprofiles%2Facme%3Fat%3D3");
    }

    @Test
    void signingInWithoutTheCsrfTokenIsRefusedAndWithItOpensASession() throws Exception {
        String csrf = csrfToken();
        assertThat(signIn("alice", "alice-pw", null, null).statusCode()).isEqualTo(403);
        HttpResponse<String> signedIn = signIn("alice", "alice-pw", csrf, "/profiles/x");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/profiles/x");
        assertThat(cookie(signedIn, "JSESSIONID")).isPresent();
    }

    @Test
    void aSessionWriteWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        String csrf = csrfToken();
        String session = cookie(signIn("alice", "alice-pw", csrf, null), "JSESSIONID").orElseThrow();
        String newCsrf = csrfToken();
        HttpResponse<String> me = send(HttpRequest.newBuilder(uri("/api/me")).header("Cookie", "JSESSIONID=" + session));
        assertThat(me.body()).contains("\"alice\"");

        HttpRequest.Builder create = HttpRequest.newBuilder(uri("/api/profiles"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Forged Org\"}"));
        HttpResponse<String> forged = send(create.copy().header("Cookie", "JSESSIONID=" + session));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(alice().get("/api/profiles").body()).doesNotContain("Forged Org");

        HttpResponse<String> genuine = send(create.copy()
                .header("Cookie", "JSESSIONID=" + session + "; XSRF-TOKEN=" + newCsrf).header("X-XSRF-TOKEN", newCsrf));
        assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(201);
    }

    @Test
    void basicClientsGetNoSessionAndNeedNoCsrfToken() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> read = send(HttpRequest.newBuilder(uri("/api/me")).header("Authorization", basic));
        HttpResponse<String> write = send(HttpRequest.newBuilder(uri("/api/profiles"))
                .header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Basic Org " + System.nanoTime() + "\"}")));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(write.statusCode()).isEqualTo(201);
        assertThat(read.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(write.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void aScriptsUnauthenticatedCallGetsNoBasicChallengeThatWouldOpenTheBrowsersDialog() throws Exception {
        HttpResponse<String> script = send(HttpRequest.newBuilder(uri("/api/me")).header("X-Requested-With", "XMLHttpRequest"));
        HttpResponse<String> client = send(HttpRequest.newBuilder(uri("/api/me")));
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(client.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"palimpsest\"");
    }

    @Test
    void signInReturnsOnlyToAPageOfThisSite() throws Exception {
        for (String next : new String[] {"https://evil.example/", "//evil.example/", "/\\evil.example"}) {
            HttpResponse<String> signedIn = signIn("bob", "bob-pw", csrfToken(), next);
            assertThat(signedIn.headers().firstValue("Location").orElseThrow()).as(next).isEqualTo(baseUrl() + "/");
        }
    }

    @Test
    void aWrongPasswordSendsTheFormBackWithAnError() throws Exception {
        HttpResponse<String> failed = signIn("carol", "wrong", csrfToken(), null);
        assertThat(failed.statusCode()).isEqualTo(302);
        assertThat(failed.headers().firstValue("Location").orElseThrow()).endsWith("/sign-in?error");
        assertThat(cookie(failed, "JSESSIONID")).isEmpty();
    }

    private String csrfToken() throws IOException, InterruptedException {
        return FormSignIn.csrfToken(baseUrl());
    }

    private HttpResponse<String> signIn(String user, String password, String csrf, String next) throws Exception {
        return FormSignIn.signIn(baseUrl(), user, password, csrf, next);
    }

    private static Optional<String> cookie(HttpResponse<?> response, String name) {
        return FormSignIn.cookie(response, name);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return FormSignIn.send(request);
    }

    private URI uri(String path) {
        return URI.create(baseUrl() + path);
    }
}
