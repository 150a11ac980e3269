package io.palimpsest.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MongoTokenStoreTest {

    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger databases = new AtomicInteger();

    private static EmbeddedMongoServer server;
    private static MongoClient client;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private MongoTokenStore nodeA;
    private MongoTokenStore nodeB;

    @BeforeAll
    static void startServer() {
        server = EmbeddedMongoServer.memory();
        client = MongoClients.create(server.connectionString());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    @BeforeEach
    void twoNodesOnANewDatabase() {
        MongoDatabase database = client.getDatabase("tokens" + databases.incrementAndGet());
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        nodeA = new MongoTokenStore(database, serializer, CLAIM_TIMEOUT, "node-a", clock);
        nodeB = new MongoTokenStore(database, serializer, CLAIM_TIMEOUT, "node-b", clock);
    }

    @Test
    void initialisesSegmentsOnceWithTheInitialToken() {
        GapAwareTrackingToken initial = GapAwareTrackingToken.newInstance(5, List.of(3L));
        nodeA.initializeTokenSegments("projection", 2, initial);

        assertThatThrownBy(() -> nodeB.initializeTokenSegments("projection", 2))
                .isInstanceOf(UnableToClaimTokenException.class);
        assertThat(nodeA.fetchSegments("projection")).containsExactly(0, 1);
        assertThat(nodeA.fetchSegments("unknown")).isEmpty();
        assertThat(nodeA.fetchToken("projection", 1)).isEqualTo(initial);
    }

    @Test
    void storesAndFetchesTheTokenOfAClaimedSegment() {
        nodeA.initializeTokenSegments("projection", 1);
        assertThat(nodeA.fetchToken("projection", 0)).isNull();

        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(42, List.of(40L));
        nodeA.storeToken(token, "projection", 0);

        assertThat(nodeA.fetchToken("projection", 0)).isEqualTo(token);
    }

    @Test
    void refusesAClaimedSegmentToAnotherNodeUntilTheClaimTimesOut() {
        nodeA.initializeTokenSegments("projection", 1);
        nodeA.fetchToken("projection", 0);

        assertThatThrownBy(() -> nodeB.fetchToken("projection", 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThat(nodeB.fetchAvailableSegments("projection")).isEmpty();

        clock.advance(CLAIM_TIMEOUT.plusSeconds(1));
        assertThat(nodeB.fetchAvailableSegments("projection")).extracting(Segment::getSegmentId).containsExactly(0);
        nodeB.fetchToken("projection", 0);

        assertThatThrownBy(() -> nodeA.storeToken(GapAwareTrackingToken.newInstance(1, List.of()), "projection", 0))
                .isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> nodeA.extendClaim("projection", 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void extendingAClaimKeepsOtherNodesOut() {
        nodeA.initializeTokenSegments("projection", 1);
        nodeA.fetchToken("projection", 0);
        clock.advance(CLAIM_TIMEOUT.minusSeconds(1));
        nodeA.extendClaim("projection", 0);
        clock.advance(Duration.ofSeconds(2));

        assertThatThrownBy(() -> nodeB.fetchToken("projection", 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void releasedSegmentIsImmediatelyAvailableToAnotherNodeEvenToStoreATokenInto() {
        nodeA.initializeTokenSegments("projection", 1);
        nodeA.fetchToken("projection", 0);
        nodeB.releaseClaim("projection", 0);
        assertThatThrownBy(() -> nodeB.fetchToken("projection", 0)).isInstanceOf(UnableToClaimTokenException.class);

        nodeA.releaseClaim("projection", 0);

        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(7, List.of());
        nodeB.storeToken(token, "projection", 0);
        assertThat(nodeB.fetchToken("projection", 0)).isEqualTo(token);
        assertThatThrownBy(() -> nodeA.fetchToken("projection", 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void splitsAndMergesSegmentsThroughTheProcessorsSegmentList() {
        nodeA.initializeTokenSegments("projection", 1);
        Segment whole = Segment.computeSegment(0, 0);
        nodeA.fetchToken("projection", whole);
        nodeA.initializeSegment(null, "projection", 1);

        assertThatThrownBy(() -> nodeA.initializeSegment(null, "projection", 1))
                .isInstanceOf(UnableToInitializeTokenException.class);
        assertThat(nodeA.fetchSegments("projection")).containsExactly(0, 1);
        assertThatThrownBy(() -> nodeA.fetchToken("projection", whole)).isInstanceOf(UnableToClaimTokenException.class);

        assertThatThrownBy(() -> nodeB.deleteToken("projection", 0)).isInstanceOf(UnableToClaimTokenException.class);
        nodeA.deleteToken("projection", 0);
        assertThat(nodeA.fetchSegments("projection")).containsExactly(1);
    }

    @Test
    void keepsOneStorageIdentifier() {
        String identifier = nodeA.retrieveStorageIdentifier().orElseThrow();

        assertThat(nodeB.retrieveStorageIdentifier()).contains(identifier);
    }
}
