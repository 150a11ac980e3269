package io.palimpsest.security;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser holding Basic credentials sends them with a form another site's page posts; such writes are refused by
 * the Fetch Metadata the browser adds, while the service's own pages and clients that are not browsers go on.
 */
class CrossSiteWritesTest extends ServiceTest {

    private static String page() throws IOException {
        try (InputStream in = CrossSiteWritesTest.class.getClassLoader()
                .getResourceAsStream("samples/000_9766725a61e7e7e5.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aWritePostedByAnotherSitesPageIsRefusedWith403AndMakesNothing() throws IOException {
        String id = "cross-" + UUID.randomUUID().toString().substring(0, 8);

        ApiClient.Answer refused = alice().withHeader("Sec-Fetch-Site", "cross-site")
                .postText("/api/profiles/import?id=" + id, "text/plain", page());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).endsWith("/cross-site-write");
        assertThat(alice().get("/api/profiles/" + id).status()).isEqualTo(404);
    }

    @Test
    void readsFromAnySiteAndWritesFromTheServicesOwnPagesGoOn() throws IOException {
        String id = "same-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(alice().withHeader("Sec-Fetch-Site", "same-origin")
                .postText("/api/profiles/import?id=" + id, "text/plain", page()).status()).isEqualTo(201);
        assertThat(alice().withHeader("Sec-Fetch-Site", "cross-site").get("/api/profiles").status()).isEqualTo(200);
    }

    @Test
    void aReaderMayAskForHeadersOnlyAsForTheWholeAnswer() {
        assertThat(as("rita").head("/api/profiles").status()).isEqualTo(200);
    }
}
