package io.palimpsest.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ServiceTest;
import io.palimpsest.live.StompTestClient;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A connected user's watched changes arrive on their STOMP queue as they are stored; other users' do not. */
class WatchPushTest extends ServiceTest {

    @Test
    void aChangeInWhatAUserWatchesIsPushedToTheirQueueAndOnlyTheirs() throws Exception {
        String watched = "pushed-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "unwatched-" + UUID.randomUUID().toString().substring(0, 8);
        alice().post("/api/profiles", Map.of("id", watched, "name", "Pushed"));
        alice().post("/api/profiles", Map.of("id", other, "name", "Not watched"));
        String watch = as("rita").post("/api/me/watches", Map.of("profile", watched)).json().get("id").asText();
        try (StompTestClient rita = StompTestClient.connect(baseUrl(), "rita");
             StompTestClient carol = StompTestClient.connect(baseUrl(), "carol")) {
            StompTestClient.Received ritas = rita.subscribe(WatchPush.DESTINATION, null);
            StompTestClient.Received carols = carol.subscribe(WatchPush.DESTINATION, null);
            Thread.sleep(500); // the subscriptions are registered when the broker has them

            bob().put("/api/profiles/" + other + "/facts/HQ", Map.of("value", "Oslo"));
            bob().put("/api/profiles/" + watched + "/facts/HQ", Map.of("value", "Paris"));

            JsonNode pushed = ritas.next();
            assertThat(pushed.get("profileId").asText()).isEqualTo(watched);
            assertThat(pushed.get("kind").asText()).isEqualTo("FactSet");
            assertThat(pushed.get("editor").asText()).isEqualTo("bob");
            assertThat(pushed.get("watches").get(0).asText()).isEqualTo(watch);
            assertThat(carols.nothingWithin(1)).as("carol watches nothing").isTrue();
        } finally {
            as("rita").delete("/api/me/watches/" + watch);
        }
    }
}
