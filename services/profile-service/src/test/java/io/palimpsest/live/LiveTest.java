package io.palimpsest.live;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The service with its live endpoint; presence expires after 3 s so the timeout can be seen in a test. */
@TestPropertySource(properties = {"palimpsest.live.presence-timeout=3s", "palimpsest.live.presence-poll=200ms"})
abstract class LiveTest extends ServiceTest {

    StompTestClient connect(String user) throws Exception {
        return StompTestClient.connect(baseUrl(), user);
    }

    static void create(ApiClient client, String profileId) {
        assertThat(client.post("/api/profiles", Map.of("id", profileId, "name", "Org " + profileId)).status())
                .isEqualTo(201);
    }

    /** Sets a fact and answers the revision the edit made. */
    static long setFact(ApiClient client, String profileId, String key, String value) {
        ApiClient.Answer answer = client.put("/api/profiles/" + profileId + "/facts/" + key,
                Map.of("value", value, "summary", "set " + key));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("revision").asLong();
    }
}
