package io.palimpsest.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The review read models as a reviewer's client reads them, waited for: they follow the edits they show. */
final class ReviewReads {

    private final ApiClient reviewer;

    ReviewReads(ApiClient reviewer) {
        this.reviewer = reviewer;
    }

    /** The queue's changes for {@code filter} once it lists {@code count}, newest first. */
    List<JsonNode> queued(Map<String, String> filter, int count) {
        StringBuilder query = new StringBuilder("/api/review/queue?limit=200");
        filter.forEach((name, value) -> query.append('&').append(name).append('=').append(value));
        return await(() -> reviewer.get(query.toString()).json(), page -> page.get("changes").size() == count,
                "the queue for " + filter + " to list " + count).get("changes").valueStream().toList();
    }

    /** The review state of the profile's revision once it is {@code state}. */
    JsonNode awaitState(String profileId, long revision, String state) {
        return await(() -> {
            ApiClient.Answer answer = reviewer.get("/api/profiles/" + profileId + "/revisions/" + revision + "/review");
            return answer.status() == 200 ? answer.json() : null;
        }, review -> review != null && review.get("state").asText().equals(state),
                "revision " + revision + " of " + profileId + " to be " + state);
    }

    static JsonNode await(Supplier<JsonNode> read, Predicate<JsonNode> done, String what) {
        JsonNode last = null;
        for (int attempt = 0; attempt < 500; attempt++) {
            last = read.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what);
            }
        }
        throw new AssertionError("Waited in vain for " + what + "; last: " + last);
    }
}
