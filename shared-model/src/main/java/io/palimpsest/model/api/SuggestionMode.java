package io.palimpsest.model.api;

/** The body that puts a profile in suggestion mode ({@code on}) or out of it. */
public record SuggestionMode(Boolean on, String summary, String commandId) {
}
