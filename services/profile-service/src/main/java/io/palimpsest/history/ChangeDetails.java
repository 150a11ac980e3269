package io.palimpsest.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What history knows of changes for other capabilities to show: each one's events and structured diff. */
@Service
public class ChangeDetails {

    private final HistoryStore store;
    private final ObjectMapper json;

    ChangeDetails(HistoryStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /**
     * The events and diff ({@code events}, {@code changes}, as history answers them) of the changes named
     * {@code <profile>/<revision>}, by that id; a change history has not folded yet is left out.
     */
    public Map<String, ObjectNode> of(List<String> changeIds) {
        Map<String, ObjectNode> details = new LinkedHashMap<>();
        for (HistoryEntry entry : store.entries(changeIds)) {
            ObjectNode node = json.createObjectNode();
            node.set("events", json.valueToTree(entry.events()));
            node.set("changes", json.valueToTree(entry.changes()));
            details.put(entry.id(), node);
        }
        return details;
    }
}
