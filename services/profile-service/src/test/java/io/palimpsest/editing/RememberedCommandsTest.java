package io.palimpsest.editing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The aggregate's memory of command ids, as snapshots keep it. */
class RememberedCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Profile.Applied>> REMEMBERED = new TypeReference<>() {
    };

    @Test
    void aSnapshotFromBeforeCreatedIdsWereRememberedStillReads() throws Exception {
        assertThat(JSON.readValue("{\"old\": 7}", REMEMBERED).get("old")).isEqualTo(new Profile.Applied(7, List.of(), null));
    }

    @Test
    void revisionCreatedIdsAndSuggestionSurviveASnapshot() throws Exception {
        LinkedHashMap<String, Profile.Applied> remembered = new LinkedHashMap<>();
        remembered.put("batch-1", new Profile.Applied(4, List.of("people", "c4"), null));
        remembered.put("suggested-1", new Profile.Applied(5, List.of(), "sg5"));
        assertThat(JSON.readValue(JSON.writeValueAsString(remembered), REMEMBERED)).isEqualTo(remembered);
    }
}
