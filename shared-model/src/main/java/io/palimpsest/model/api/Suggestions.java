package io.palimpsest.model.api;

import java.util.List;

/** A profile's open suggestions at {@code revision}, oldest first, and whether it is in suggestion mode. */
public record Suggestions(String profileId, long revision, boolean suggesting, List<SuggestionView> suggestions) {

    public Suggestions {
        suggestions = List.copyOf(suggestions);
    }
}
