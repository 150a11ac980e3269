package io.palimpsest.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Markup or script in a claim is kept verbatim and handed back as data; exports escape it. */
class TextIsDataTest extends ServiceTest {

    private static final String HOSTILE = "<script>alert(\"x\")</script> <img src=x onerror=alert(1)> **bold** "
            + "[link](javascript:alert(1)) &amp; `code` {{7*7}} ${jndi:ldap://x} '; DROP TABLE profiles; --";

    @Test
    void markupInAClaimIsStoredVerbatimAndEscapedInEveryExport() {
        String profile = "markup-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient alice = alice();
        assertThat(alice.post("/api/profiles", Map.of("id", profile, "name", "Markup <b>Org</b>")).status()).isEqualTo(201);
        assertThat(alice.post("/api/profiles/" + profile + "/sections", Map.of("title", "What They Do")).status())
                .isEqualTo(201);
        assertThat(alice.post("/api/profiles/" + profile + "/sections/what-they-do/claims",
                Map.of("kind", "PARAGRAPH", "text", HOSTILE)).status()).isEqualTo(201);

        ApiClient.Answer read = alice.get("/api/profiles/" + profile + "?minRevision=3");
        assertThat(read.contentType()).startsWith("application/json");
        assertThat(read.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(read.json().at("/sections/0/claims/0/text").asText()).isEqualTo(HOSTILE);
        assertThat(read.json().at("/identity/name").asText()).isEqualTo("Markup <b>Org</b>");

        JsonNode json = alice.get("/api/profiles/" + profile + "/export?format=json&minRevision=3").json();
        assertThat(json.at("/sections/0/claims/0/text").asText()).isEqualTo(HOSTILE);

        String markdown = alice.get("/api/profiles/" + profile + "/export?format=markdown&minRevision=3").body();
        String html = HtmlRenderer.builder().build().render(Parser.builder().build().parse(markdown));
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("href=\"javascript:")
                .doesNotContain("<b>").contains("&lt;script&gt;");

        ApiClient.Answer reimported = alice.postText("/api/profiles/import?id=" + profile + "-copy", "text/markdown",
                markdown);
        assertThat(reimported.status()).isEqualTo(201);
        assertThat(reimported.json().at("/sections/0/claims/0/text").asText()).isEqualTo(HOSTILE);
    }
}
