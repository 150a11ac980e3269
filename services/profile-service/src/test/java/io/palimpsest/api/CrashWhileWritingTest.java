package io.palimpsest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palimpsest.ProfileServiceApplication;
import io.palimpsest.editing.ProfileSheet;
import io.palimpsest.editors.EditorNames;
import io.palimpsest.model.ProfileEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the service process (SIGKILL, no clean stop) while three editors write, restarts it on the same
 * data, and checks that every acknowledged edit is stored exactly once and that the current-profile read
 * model equals the profile folded, with {@link ProfileSheet}, from the stored events. The restart runs in
 * this JVM so the test can read the event store directly.
 */
class CrashWhileWritingTest {

    private static final List<String> EDITORS = List.of("alice", "bob", "carol");
    private static final int ACKNOWLEDGED_BEFORE_KILL = 60;

    @TempDir
    Path workDir;

    @Test
    void everyAcknowledgedEditSurvivesAKillExactlyOnceAndTheReadModelEqualsTheReplay() throws Exception {
        Path data = workDir.resolve("data");
        String database = "crash-" + UUID.randomUUID();
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        try (ServiceProcess service = ServiceProcess.start(data, database)) {
            assertThat(service.as("alice").post("/api/profiles", Map.of("id", "crash", "name", "Crash Org")).status())
                    .isEqualTo(201);
            ExecutorService writers = Executors.newFixedThreadPool(EDITORS.size());
            for (String editor : EDITORS) {
                writers.submit(() -> write(service.as(editor), editor, acknowledged));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(acknowledged).as("edits acknowledged before the kill").hasSizeGreaterThanOrEqualTo(
                    ACKNOWLEDGED_BEFORE_KILL);
            service.kill();
            writers.shutdown();
            assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(ProfileServiceApplication.class)
                .run("--server.port=0", "--palimpsest.storage.data-dir=" + data,
                        "--palimpsest.storage.database=" + database, "--palimpsest.users=" + ServiceTest.USERS)) {
            List<? extends DomainEventMessage<?>> events = restarted.getBean(EventStore.class).readEvents("crash", 0)
                    .asStream().toList();
            Map<Object, Long> commits = events.stream().map(event -> event.getMetaData().get("commandId"))
                    .filter(id -> id != null).collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            for (String commandId : acknowledged) {
                assertThat(commits.get(commandId)).as("events of acknowledged command %s", commandId).isEqualTo(1L);
            }

            ProfileSheet replay = new ProfileSheet();
            EditorNames editors = restarted.getBean(EditorNames.class);
            events.forEach(event -> replay.apply((ProfileEvent) event.getPayload(),
                    editors.of(event.getMetaData())));
            ObjectMapper json = restarted.getBean(ObjectMapper.class);
            String baseUrl = "http://localhost:" + ((ServletWebServerApplicationContext) restarted).getWebServer().getPort();
            JsonNode readModel = awaitRevision(ApiClient.as(baseUrl, "rita", "rita-pw"), replay.revision());

            assertThat(readModel).isEqualTo(json.readTree(json.writeValueAsString(replay.toView())));
            List<String> facts = new ArrayList<>();
            readModel.get("facts").forEach(fact -> facts.add(fact.get("key").asText()));
            assertThat(facts).doesNotHaveDuplicates().containsAll(acknowledged);
        }
    }

    /** Sets one new fact after another, each with its own command id (= fact key), until the service is gone. */
    private static void write(ApiClient client, String editor, List<String> acknowledged) {
        for (int i = 0; ; i++) {
            String key = editor + "-" + i;
            try {
                ApiClient.Answer answer = client.put("/api/profiles/crash/facts/" + key,
                        Map.of("value", "v" + i, "commandId", key));
                if (answer.status() == 200) {
                    acknowledged.add(key);
                }
            } catch (IllegalStateException serviceGone) {
                return;
            }
        }
    }

    /** Right after a kill the dead node's claim on the projection must time out first; reads answer 503 until then. */
    private static JsonNode awaitRevision(ApiClient client, long revision) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            ApiClient.Answer read = client.get("/api/profiles/crash?minRevision=" + revision);
            if (read.status() == 200 || System.nanoTime() > deadline) {
                assertThat(read.status()).as(read.body()).isEqualTo(200);
                return read.json();
            }
            Thread.sleep(500);
        }
    }
}
