package io.palimpsest.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.live.StompTestClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics of docs/operations.md, scraped over HTTP as Prometheus does: each is there, and moves when what it
 * counts happens.
 */
class MetricsTest extends ScrapedServiceTest {

    private static final Path GUIDE = Path.of("../../docs/operations.md");
    private static final Pattern METRIC_ROW = Pattern.compile("^\\| `([a-z_]+)`");

    @Test
    void onlyAnAdministratorReadsTheMetrics() {
        assertThat(ApiClient.anonymous(baseUrl()).get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(as("rita").get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(alice().get("/actuator/prometheus").status()).isEqualTo(403);
        ApiClient.Answer scrape = admin().get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.contentType()).startsWith("text/plain");
    }

    @Test
    void everyMetricTheOperationsGuideNamesIsScraped() throws IOException {
        String profile = newProfile();
        assertThat(alice().put(path(profile) + "/facts/Founded", Map.of("value", "2024")).status()).isEqualTo(200);
        // The group commit is the embedded store's: a real MongoDB makes each write durable by write concern.
        boolean embedded = System.getenv("MONGODB_URI") == null;
        List<String> named = Files.readAllLines(GUIDE).stream()
                .filter(row -> embedded || !row.contains("embedded store only"))
                .map(METRIC_ROW::matcher).filter(Matcher::find).map(row -> row.group(1)).toList();
        assertThat(named).as("metrics in the table of docs/operations.md").hasSizeGreaterThan(15);
        Scrape scrape = Scrape.of(admin());
        assertThat(named).allSatisfy(name -> assertThat(scrape.has(name)).as(name).isTrue());
    }

    @Test
    void editsAreCountedAcceptedMergedAndRefusedByReason() {
        String profile = newProfile();
        String p = path(profile);
        String section = alice().post(p + "/sections", Map.of("title", "Intro")).json().get("createdId").asText();
        JsonNode added = alice().post(p + "/sections/" + section + "/claims",
                Map.of("kind", "PARAGRAPH", "text", "The quick brown fox jumps over the lazy dog.")).json();
        String claim = p + "/claims/" + added.get("createdId").asText();
        long base = added.get("revision").asLong();
        Scrape before = Scrape.of(admin());

        assertThat(bob().put(claim, Map.of("text", "The slow brown fox jumps over the lazy dog.",
                "baseRevision", base)).status()).isEqualTo(200);
        assertThat(alice().put(claim, Map.of("text", "The quick brown fox jumps over the lazy cat.",
                "baseRevision", base)).status()).isEqualTo(200);
        assertThat(alice().put(claim, Map.of("text", "The swift brown fox jumps over the lazy dog.",
                "baseRevision", base)).status()).isEqualTo(409);
        assertThat(alice().post(p + "/sections/" + section + "/claims", Map.of("kind", "PARAGRAPH", "text", "Again.",
                "id", added.get("createdId").asText())).status()).isEqualTo(409);
        assertThat(alice().put(p + "/facts/Founded", "{").status()).isEqualTo(400);
        assertThat(alice().put("/api/profiles/no-such-profile/facts/Founded", Map.of("value", "1")).status())
                .isEqualTo(404);
        assertThat(as("rita").put(p + "/facts/Founded", Map.of("value", "1")).status()).isEqualTo(403);
        int carolsEdits = 0;
        while (as("carol").put(p + "/facts/Carol", Map.of("value", Integer.toString(carolsEdits))).status() != 429) {
            carolsEdits++;
        }

        // The store's gauges are measured at most once a second (ReadModelLag): scrape until that second is over.
        int edits = 2 + carolsEdits;
        awaitTrue(() -> moved(before, Scrape.of(admin()), "palimpsest_store_events") >= edits);
        Scrape after = Scrape.of(admin());
        assertThat(moved(before, after, "palimpsest_edits_accepted_total")).isEqualTo(2 + carolsEdits);
        assertThat(moved(before, after, "palimpsest_edits_merged_total")).isEqualTo(1);
        assertThat(moved(before, after, "palimpsest_edits_refused_total", "reason=\"merge-conflict\"")).isEqualTo(1);
        assertThat(moved(before, after, "palimpsest_edits_refused_total", "reason=\"conflict\"")).isEqualTo(1);
        assertThat(moved(before, after, "palimpsest_edits_refused_total", "reason=\"validation\"")).isEqualTo(1);
        assertThat(moved(before, after, "palimpsest_edits_refused_total", "reason=\"not-found\"")).isEqualTo(1);
        assertThat(moved(before, after, "palimpsest_edits_refused_total", "reason=\"denied\"")).isEqualTo(1);
        assertThat(moved(before, after, "palimpsest_edits_refused_total", "reason=\"rate-limit\"")).isEqualTo(1);
        assertThat(moved(before, after, "palimpsest_commands_seconds_count", "command=\"ReviseClaim\"",
                "outcome=\"applied\"")).isEqualTo(2);
        assertThat(moved(before, after, "palimpsest_commands_seconds_count", "command=\"ReviseClaim\"",
                "outcome=\"refused\"")).isEqualTo(1);
        assertThat(moved(before, after, "palimpsest_store_events")).isGreaterThanOrEqualTo(2 + carolsEdits);
        if (System.getenv("MONGODB_URI") == null) {
            assertThat(after.value("palimpsest_store_size_bytes", "part=\"event-log\"")).isPositive();
            assertThat(moved(before, after, "palimpsest_group_commit_sync_seconds_count")).isPositive();
            assertThat(moved(before, after, "palimpsest_group_commit_writes_total"))
                    .isGreaterThanOrEqualTo(2 + carolsEdits);
        } else {
            assertThat(after.value("palimpsest_store_size_bytes", "part=\"database\"")).isPositive();
        }
    }

    @Test
    void theReadModelsLagIsScrapedAndReturnsToZero() {
        String profile = newProfile();
        assertThat(alice().put(path(profile) + "/facts/Founded", Map.of("value", "2024")).status()).isEqualTo(200);
        awaitTrue(() -> {
            Scrape scrape = Scrape.of(admin());
            return scrape.has("palimpsest_read_model_lag_events")
                    && scrape.value("palimpsest_read_model_lag_events", "read_model=\"current-profiles\"") == 0
                    && scrape.value("palimpsest_read_model_lag_events", "read_model=\"history\"") == 0
                    && scrape.value("palimpsest_read_model_lag_seconds", "read_model=\"history\"") == 0;
        });
        Scrape scrape = Scrape.of(admin());
        assertThat(scrape.value("palimpsest_rebuild_active")).isZero();
    }

    @Test
    void liveSubscribersPresentEditorsAndPushDelaysAreMeasured() throws Exception {
        String profile = newProfile();
        Scrape before = Scrape.of(admin());
        try (StompTestClient watcher = StompTestClient.connect(baseUrl(), "bob");
             StompTestClient editor = StompTestClient.connect(baseUrl(), "alice")) {
            StompTestClient.Received changes = watcher.subscribe("/topic/profiles/" + profile, null);
            StompTestClient.Received presence = watcher.subscribe("/topic/profiles/" + profile + "/presence", null);
            presence.next();
            editor.send("/app/profiles/" + profile + "/presence", Map.of("sectionId", "intro"));
            presence.first(list -> !list.get("editors").isEmpty());
            assertThat(alice().put(path(profile) + "/facts/Founded", Map.of("value", "2024")).status())
                    .isEqualTo(200);
            changes.next();

            Scrape during = Scrape.of(admin());
            assertThat(during.value("palimpsest_live_subscribers", "topic=\"changes\"")).isGreaterThanOrEqualTo(1);
            assertThat(during.value("palimpsest_live_subscribers", "topic=\"presence\"")).isGreaterThanOrEqualTo(1);
            assertThat(during.value("palimpsest_live_connections")).isGreaterThanOrEqualTo(2);
            assertThat(during.value("palimpsest_live_present_editors")).isGreaterThanOrEqualTo(1);
            assertThat(moved(before, during, "palimpsest_live_push_delay_seconds_count")).isGreaterThanOrEqualTo(1);
            assertThat(during.has("palimpsest_live_subscribers_cut_off_total")).isTrue();
        }
        awaitTrue(() -> Scrape.of(admin()).value("palimpsest_live_present_editors")
                < before.value("palimpsest_live_present_editors") + 1);
    }

    @Test
    void failedSignInsAreCounted() {
        Scrape before = Scrape.of(admin());
        assertThat(ApiClient.as(baseUrl(), "alice", "not-her-password").get("/api/profiles").status()).isEqualTo(401);
        Scrape after = Scrape.of(admin());
        assertThat(moved(before, after, "palimpsest_sign_in_failures_total", "reason=\"bad-credentials\""))
                .isEqualTo(1);
    }

    private String newProfile() {
        String id = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", id, "name", "Metrics " + id)).status()).isEqualTo(201);
        return id;
    }

    private static String path(String profile) {
        return "/api/profiles/" + profile;
    }

    private static double moved(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 30 s").isLessThan(deadline);
            pause();
        }
    }
}
