package io.palimpsest.model.api;

/** Body of {@code POST /api/profiles}: an empty profile; {@code id} defaults to a slug of the name. */
public record NewProfile(String id, String name, String shortName, String category, String tagline, String summary,
                         String commandId) {
}
