package io.palimpsest.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.palimpsest.api.ServiceTest;
import io.palimpsest.editors.EditorNames;
import io.palimpsest.web.Browsers;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code palimpsest.security.login=jwt}, callers sign in with a JWT; tokens here are signed locally. */
@ExtendWith(OutputCaptureExtension.class)
class JwtLoginTest extends ServiceTest {

    private static final KeyPair ISSUER = rsaKeys();
    private static final KeyPair STRANGER = rsaKeys();
    private static final Path ISSUER_PUBLIC_KEY = publicKeyFile(ISSUER);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    EventStore events;

    @Autowired
    EditorNames editors;

    @DynamicPropertySource
    static void jwtLogin(DynamicPropertyRegistry registry) {
        registry.add("palimpsest.security.login", () -> "jwt");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> "file:" + ISSUER_PUBLIC_KEY);
    }

    @Test
    void anEditorTokenEditsAndTheEventNamesItsSubject(CapturedOutput output) throws Exception {
        String token = token(ISSUER.getPrivate(), "erin", List.of("EDITOR"), Instant.now().plusSeconds(300));
        String profile = "jwt-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(send("POST", "/api/profiles", token,
                "{\"id\":\"" + profile + "\",\"name\":\"Jwt Org\"}").statusCode()).isEqualTo(201);
        assertThat(send("GET", "/api/profiles/" + profile + "?minRevision=1", token, null).statusCode()).isEqualTo(200);

        assertThat(events.readEvents(profile, 0).asStream().map(DomainEventMessage::getMetaData)
                .map(editors::of)).containsExactly("erin");
        assertThat(output.getAll()).doesNotContain(token);
    }

    @Test
    void aReaderTokenReadsButCannotEdit() throws Exception {
        String token = token(ISSUER.getPrivate(), "rhea", List.of("reader"), Instant.now().plusSeconds(300));

        assertThat(send("GET", "/api/profiles", token, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/profiles", token, "{\"name\":\"Nope\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void aTokenWithoutAKnownRoleMayDoNothing() throws Exception {
        String token = token(ISSUER.getPrivate(), "nobody", List.of("superuser"), Instant.now().plusSeconds(300));

        assertThat(send("GET", "/api/profiles", token, null).statusCode()).isEqualTo(403);
    }

    @Test
    void expiredForeignAndMalformedTokensAndBasicAreRefused(CapturedOutput output) throws Exception {
        String expired = token(ISSUER.getPrivate(), "erin", List.of("ADMIN"), Instant.now().minusSeconds(3600));
        String foreign = token(STRANGER.getPrivate(), "erin", List.of("ADMIN"), Instant.now().plusSeconds(300));

        for (String token : List.of(expired, foreign, "not-a-jwt")) {
            HttpResponse<String> answer = send("GET", "/api/profiles", token, null);
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Bearer"));
        }
        assertThat(alice().get("/api/profiles").status()).isEqualTo(401);
        assertThat(output.getAll()).doesNotContain(expired).doesNotContain(foreign).doesNotContain("alice-pw");
    }

    @Test
    void theWebEditorSaysHowToSignInWithATokenInsteadOfShowingAForm() {
        WebDriver browser = Browsers.start();
        try {
            browser.get(baseUrl() + "/profiles/anything");
            WebElement explanation = new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(d -> d.findElement(By.cssSelector("[data-role='token-sign-in']")));
            assertThat(explanation.getText()).contains("JWT bearer tokens");
            assertThat(browser.findElements(By.name("password"))).isEmpty();
            assertThat(Browsers.consoleErrors(browser)).isEmpty();
            Browsers.screenshot(browser, "token-sign-in");
        } finally {
            browser.quit();
        }
    }

    private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(PrivateKey key, String subject, List<String> roles, Instant expiry) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .subject(subject).claim("roles", roles).issueTime(new Date()).expirationTime(Date.from(expiry)).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path publicKeyFile(KeyPair keys) {
        try {
            Path file = Files.createTempFile("palimpsest-jwt", ".pub");
            file.toFile().deleteOnExit();
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n", StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
