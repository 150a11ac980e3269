package io.palimpsest.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import io.palimpsest.editing.CurrentProfiles;
import io.palimpsest.model.ClaimKind;
import io.palimpsest.model.Identity;
import io.palimpsest.model.ProfileEvent.ClaimAdded;
import io.palimpsest.model.ProfileEvent.ClaimRevised;
import io.palimpsest.model.ProfileEvent.FactSet;
import io.palimpsest.model.ProfileEvent.ProfileCreated;
import io.palimpsest.model.ProfileEvent.SectionAdded;
import io.palimpsest.model.ProfileEvent;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rebuilding every read model from the event store, and reading events stored in an older schema. */
class ReplayApiTest extends ServiceTest {

    @Autowired
    MongoDatabase database;

    @Autowired
    @Qualifier("eventLogDatabase")
    MongoDatabase eventLogDatabase;

    @Autowired
    EventStore eventStore;

    @Autowired
    HistoryLayout layout;

    @Autowired
    EventStorageEngine eventLog;

    @Autowired
    HistoryStore historyStore;

    @Autowired
    SheetFolder sheetFolder;

    @Autowired
    CurrentProfiles currentProfiles;

    @Autowired
    TokenStore tokenStore;

    @Autowired
    EventProcessingConfiguration processing;

    private String profileWithEdits(int edits) {
        String id = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", id, "name", "Acme")).status()).isEqualTo(201);
        for (int i = 0; i < edits; i++) {
            assertThat(bob().put("/api/profiles/" + id + "/facts/F" + i, Map.of("value", "v" + i)).status())
                    .isEqualTo(200);
        }
        return "/api/profiles/" + id;
    }

    private JsonNode awaitRebuilt() {
        ApiClient admin = as("ada");
        JsonNode progress = null;
        for (int attempt = 0; attempt < 1000; attempt++) {
            progress = admin.get("/api/admin/replay").json();
            if (!progress.get("rebuilding").asBoolean()) {
                return progress;
            }
            pause();
        }
        throw new AssertionError("Rebuild never finished: " + progress);
    }

    private JsonNode await(String path, long revision) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            ApiClient.Answer answer = alice().get(path);
            if (answer.status() == 200 && answer.json().get("revision").asLong() >= revision) {
                return answer.json();
            }
            pause();
        }
        throw new AssertionError(path + " never reached revision " + revision);
    }

    @Test
    void aRebuildYieldsIdenticalReadModelsAndLosesNoConcurrentEdit() {
        String p = profileWithEdits(12);
        JsonNode profile = await(p, 13);
        JsonNode history = await(p + "/history?size=50", 13);
        JsonNode blame = await(p + "/blame", 13);

        assertThat(alice().post("/api/admin/replay", Map.of()).status()).isEqualTo(403);
        ApiClient.Answer started = as("ada").post("/api/admin/replay", Map.of());
        assertThat(started.status()).isEqualTo(202);
        CompletableFuture<Void> concurrent = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 5; i++) {
                assertThat(as("carol").put(p + "/facts/G" + i, Map.of("value", "w" + i)).status()).isEqualTo(200);
            }
        });
        concurrent.join();
        JsonNode progress = awaitRebuilt();
        assertThat(progress.get("eventsDone").asLong()).isEqualTo(progress.get("eventsTotal").asLong());
        pause();
        JsonNode later = as("ada").get("/api/admin/replay").json();
        assertThat(List.of(later.get("eventsPerSecond"), later.get("estimatedFinish")))
                .as("a finished rebuild's rate and finish stay as they ended")
                .containsExactly(progress.get("eventsPerSecond"), progress.get("estimatedFinish"));

        JsonNode rebuiltHistory = await(p + "/history?size=50", 18);
        assertThat(rebuiltHistory.get("entries")).hasSize(18);
        assertThat(List.of(rebuiltHistory.get("entries").get(17), rebuiltHistory.get("entries").get(5)))
                .containsExactly(history.get("entries").get(12), history.get("entries").get(0));
        JsonNode rebuiltProfile = await(p, 18);
        assertThat(rebuiltProfile.get("facts")).hasSize(17);
        assertThat(alice().get(p + "?at=13").json()).isEqualTo(profile);
        assertThat(await(p + "/blame", 18).get("claims")).isEqualTo(blame.get("claims"));
    }

    /** A pass over more than one write's events lasts long enough to ask for the list while it runs. */
    @Test
    void theProfileListSaysItIsBeingRebuiltRatherThanLeaveOutProfilesNotYetRebuilt() {
        Appended appended = appendProfileWithARevisionSplitByAWrite();
        await(appended.path(), appended.head());
        JsonNode before = alice().get("/api/profiles").json();

        assertThat(as("ada").post("/api/admin/replay", Map.of()).status()).isEqualTo(202);
        ApiClient.Answer during = alice().get("/api/profiles");

        assertThat(during.status()).as(during.body()).isEqualTo(503);
        assertThat(during.json().get("type").asText()).endsWith("/rebuilding");
        assertThat(during.header("Retry-After")).isNotNull();
        awaitRebuilt();
        assertThat(alice().get("/api/profiles").json()).isEqualTo(before);
    }

    /**
     * While the current profiles are rebuilt, the read model holds some profiles at an earlier revision than their last
     * (the pass writes every 2,000 events): a read of the profile and its export answer its last revision throughout.
     */
    @Test
    void aProfileReadWhileTheReadModelsAreRebuiltIsItsLatestRevisionThroughout() {
        Appended appended = appendProfileWithARevisionSplitByAWrite();
        JsonNode before = await(appended.path(), appended.head());
        String export = alice().get(appended.path() + "/export?format=json").body();

        assertThat(as("ada").post("/api/admin/replay", Map.of()).status()).isEqualTo(202);
        int readsDuring = 0;
        while (as("ada").get("/api/admin/replay").json().get("rebuilding").asBoolean()) {
            ApiClient.Answer during = alice().get(appended.path());
            assertThat(during.status()).as(during.body()).isEqualTo(200);
            assertThat(during.json()).isEqualTo(before);
            assertThat(alice().get(appended.path() + "/export?format=json").body()).isEqualTo(export);
            assertThat(alice().get("/api/profiles/never-" + appended.head()).status()).isEqualTo(404);
            readsDuring++;
        }

        assertThat(readsDuring).as("reads made while the rebuild ran").isPositive();
        assertThat(alice().get(appended.path()).json()).isEqualTo(before);
    }

    @Test
    void historyKeptInAnOlderLayoutIsRebuiltWhenTheServiceStarts() {
        String p = profileWithEdits(3);
        JsonNode history = await(p + "/history?size=50", 4);
        database.getCollection("read_model_layouts").replaceOne(new Document("_id", "history"),
                new Document("_id", "history").append("version", 1));
        database.getCollection("history_index").deleteMany(new Document());

        layout.rebuildIfChanged();

        assertThat(as("ada").get("/api/admin/replay").json().get("startedAt").isNull()).isFalse();
        awaitRebuilt();
        assertThat(database.getCollection("read_model_layouts").find(new Document("_id", "history")).first())
                .containsEntry("version", HistoryLayout.CURRENT);
        assertThat(await(p + "/history?size=50", 4).get("entries")).isEqualTo(history.get("entries"));
        assertThat(alice().get(p + "/history?editor=bob").json().get("total").asLong()).isEqualTo(3);
    }

    @Test
    void storedVersionOneClaimRevisionsAreUpcastWithTheirOrigin() {
        String aggregate = "old-" + UUID.randomUUID().toString().substring(0, 8);
        String v1 = "{\"profileId\":\"" + aggregate + "\",\"revision\":2,\"claimId\":\"c1\",\"text\":\"Merged text.\","
                + "\"label\":null,\"items\":[],\"baseRevision\":1,\"merged\":true}";
        // A commit as the store held it before ClaimRevised had revision 2: no payload revision, no origin.
        // Its position lies far above the log's counter, so no event processor reads it.
        eventLogDatabase.getCollection("events").insertOne(new Document("_id", Long.MAX_VALUE / 2)
                .append("stream", aggregate + "#0").append("aggregateId", aggregate)
                .append("aggregateType", "Profile").append("firstSeq", 0L).append("lastSeq", 0L)
                .append("timestamp", new Date())
                .append("events", List.of(new Document("eventId", UUID.randomUUID().toString()).append("seq", 0L)
                        .append("payloadType", ClaimRevised.class.getName()).append("payloadRevision", null)
                        .append("payload", v1).append("metaData", "{\"editor\":\"alice\"}")
                        .append("timestamp", "2025-01-01T00:00:00.000000000Z"))));

        DomainEventMessage<?> event = eventStore.readEvents(aggregate).next();

        assertThat(event.getPayload()).isEqualTo(new ClaimRevised(aggregate, 2, "c1", "Merged text.", null, List.of(),
                1, true, ClaimRevised.Origin.MERGE));
    }

    /**
     * A profile long enough that the rebuild writes it in several goes, with a revision of two events split between
     * two of them: every read model after the rebuild equals the one the live projections built.
     */
    @Test
    void aRebuildWrittenInSeveralGoesEqualsTheLiveReadModels() {
        Appended profile = appendProfileWithARevisionSplitByAWrite();
        ReadModels live = readModels(profile);

        assertThat(as("ada").post("/api/admin/replay", Map.of()).status()).isEqualTo(202);
        awaitRebuilt();

        assertThat(readModels(profile)).isEqualTo(live);
    }

    /**
     * A node that stops after the pass's first write, before the tokens of its second: the processors, started
     * again, find replay tokens at the first write and finish the rebuild to the same read models.
     */
    @Test
    void processorsFinishARebuildWhosePassStoppedHalfWay() {
        Appended profile = appendProfileWithARevisionSplitByAWrite();
        ReadModels live = readModels(profile);
        Replays.READ_MODELS.forEach(name -> processor(name).shutDown());
        try {
            Replays.READ_MODELS.forEach(name -> processor(name).resetTokens());
            FullRebuild pass = new FullRebuild(eventLog, historyStore, sheetFolder, currentProfiles,
                    stoppingAtSecondWrite(tokenStore), Replays.READ_MODELS, eventLog.createHeadToken());

            assertThatThrownBy(pass::run).hasMessage("node stopped");
            assertThat(pass.position()).isEqualTo(FullRebuild.EVENTS_PER_WRITE);
            assertThat(ReplayToken.isReplay(tokenStore.fetchToken(HistoryProjection.PROCESSING_GROUP, 0))).isTrue();
        } finally {
            Replays.READ_MODELS.forEach(name -> processor(name).start());
        }
        awaitRebuilt();

        assertThat(readModels(profile)).isEqualTo(live);
    }

    /**
     * A node shutting down stops the pass while it writes its first lot: the pass writes what it folded, with replay
     * tokens, and returns; the processors, started again, finish the rebuild to the same read models.
     */
    @Test
    void aPassStoppedByTheNodesShutdownWritesWhatItFoldedAndTheProcessorsFinishIt() {
        Appended profile = appendProfileWithARevisionSplitByAWrite();
        ReadModels live = readModels(profile);
        TrackingToken head = eventLog.createHeadToken();
        Replays.READ_MODELS.forEach(name -> processor(name).shutDown());
        try {
            Replays.READ_MODELS.forEach(name -> processor(name).resetTokens());
            AtomicReference<FullRebuild> pass = new AtomicReference<>();
            pass.set(new FullRebuild(eventLog, historyStore, sheetFolder, currentProfiles,
                    onFirstStore(tokenStore, () -> pass.get().stop()), Replays.READ_MODELS, head));

            pass.get().run();

            assertThat(pass.get().position()).isGreaterThanOrEqualTo(FullRebuild.EVENTS_PER_WRITE)
                    .isLessThan(head.position().orElseThrow());
            assertThat(ReplayToken.isReplay(tokenStore.fetchToken(HistoryProjection.PROCESSING_GROUP, 0))).isTrue();
        } finally {
            Replays.READ_MODELS.forEach(name -> processor(name).start());
        }
        awaitRebuilt();

        assertThat(readModels(profile)).isEqualTo(live);
    }

    @Test
    void aReplayWhileAnotherNodeHoldsASegmentIsRefusedAndTheProcessorsRunOn() {
        MongoCollection<Document> tokens = database.getCollection("tokens");
        Document history = new Document("_id", HistoryProjection.PROCESSING_GROUP + "/0");
        processor(HistoryProjection.PROCESSING_GROUP).shutDown();
        tokens.updateOne(history, Updates.combine(Updates.set("owner", "another-node"),
                Updates.set("timestamp", new Date()), Updates.inc("version", 1L)));
        try {
            ApiClient.Answer refused = as("ada").post("/api/admin/replay", Map.of());

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("type").asText()).endsWith("/read-model-busy");
            assertThat(Replays.READ_MODELS).allMatch(name -> processor(name).isRunning());
        } finally {
            tokens.updateOne(history, Updates.combine(Updates.set("owner", null), Updates.inc("version", 1L)));
            Replays.READ_MODELS.stream().filter(name -> !processor(name).isRunning())
                    .forEach(name -> processor(name).start());
        }
        String p = profileWithEdits(1);
        assertThat(await(p + "/history?size=5", 2).get("entries")).hasSize(2);
    }

    /** The token store, failing once the processors' tokens were stored for one write. */
    private static TokenStore stoppingAtSecondWrite(TokenStore tokens) {
        AtomicInteger stored = new AtomicInteger();
        return beforeEachStore(tokens, () -> {
            if (stored.incrementAndGet() > Replays.READ_MODELS.size()) {
                throw new IllegalStateException("node stopped");
            }
        });
    }

    /** The token store, running {@code action} as the first token is stored. */
    private static TokenStore onFirstStore(TokenStore tokens, Runnable action) {
        AtomicInteger stored = new AtomicInteger();
        return beforeEachStore(tokens, () -> {
            if (stored.incrementAndGet() == 1) {
                action.run();
            }
        });
    }

    private static TokenStore beforeEachStore(TokenStore tokens, Runnable action) {
        return (TokenStore) Proxy.newProxyInstance(TokenStore.class.getClassLoader(), new Class<?>[] {TokenStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("storeToken")) {
                        action.run();
                    }
                    try {
                        return method.invoke(tokens, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    /** What a reader sees of a profile: itself, every page of its history, its blame and a claim's history. */
    private record ReadModels(JsonNode profile, List<JsonNode> history, JsonNode blame, JsonNode claimHistory) {
    }

    /** Once the read models have the profile's last revision. */
    private ReadModels readModels(Appended appended) {
        String p = appended.path();
        long head = appended.head();
        long entries = await(p + "/history?size=1", head).get("total").asLong();
        return new ReadModels(await(p, head), historyPages(p, entries), await(p + "/blame", head),
                alice().get(p + "/claims/c1/history").json());
    }

    private record Appended(String path, long head) {
    }

    /**
     * Appends a profile whose revisions have one event each up to the position where the rebuild writes next, and
     * two from there on, so that one revision is split between two of the pass's writes.
     */
    private Appended appendProfileWithARevisionSplitByAWrite() {
        String id = "long-" + UUID.randomUUID().toString().substring(0, 8);
        long logSize = eventStore.createHeadToken() == null ? 0 : eventStore.createHeadToken().position().orElse(0);
        long split = (logSize / FullRebuild.EVENTS_PER_WRITE + 1) * FullRebuild.EVENTS_PER_WRITE;
        List<EventMessage<?>> events = new ArrayList<>();
        events.add(event(id, 1, new ProfileCreated(id, 1, new Identity("Long", null, "company", null))));
        events.add(event(id, 2, new SectionAdded(id, 2, "s", "Section", null, 0)));
        for (int c = 0; c < 5; c++) {
            events.add(event(id, 3 + c, new ClaimAdded(id, 3 + c, "s", "c" + c, ClaimKind.PARAGRAPH, null,
                    "Claim " + c + " first written.", List.of(), List.of(), null, c)));
        }
        long revision = 8;
        for (; logSize + events.size() < split + 20; revision++) {
            boolean pair = logSize + events.size() + 1 >= split;
            events.add(event(id, revision, new ClaimRevised(id, revision, "c" + revision % 5,
                    "Claim " + revision % 5 + " as of revision " + revision + ".", null, List.of(), revision - 1,
                    false)));
            if (pair) {
                events.add(event(id, revision, new FactSet(id, revision, "F" + revision % 3, "v" + revision)));
            }
        }
        publishInCommitsOfWholeRevisions(events);
        return new Appended("/api/profiles/" + id, revision - 1);
    }

    private static EventMessage<?> event(String profileId, long revision, ProfileEvent event) {
        return new GenericDomainEventMessage<>("Profile", profileId, 0, event, MetaData.with("editor",
                List.of("alice", "bob", "carol").get((int) (revision % 3))).and("summary", "edit " + revision));
    }

    /** Sequence numbers in order; the events of a revision always in one commit, as an edit stores them. */
    private void publishInCommitsOfWholeRevisions(List<EventMessage<?>> events) {
        List<EventMessage<?>> commit = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            GenericDomainEventMessage<?> event = (GenericDomainEventMessage<?>) events.get(i);
            commit.add(new GenericDomainEventMessage<>("Profile", event.getAggregateIdentifier(), i,
                    event.getPayload(), event.getMetaData()));
            boolean revisionEnds = i + 1 == events.size() || ((ProfileEvent) events.get(i + 1).getPayload()).revision()
                    != ((ProfileEvent) event.getPayload()).revision();
            if (revisionEnds && commit.size() >= 100) {
                eventStore.publish(commit);
                commit.clear();
            }
        }
        eventStore.publish(commit);
    }

    private List<JsonNode> historyPages(String profile, long entries) {
        List<JsonNode> pages = new ArrayList<>();
        for (int page = 0; page * 200L < entries; page++) {
            pages.add(alice().get(profile + "/history?size=200&page=" + page).json());
        }
        return pages;
    }
}
