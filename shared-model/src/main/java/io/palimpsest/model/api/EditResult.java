package io.palimpsest.model.api;

/** The answer to an applied edit: the profile revision it produced (or, for a retry, produced before). */
public record EditResult(String profileId, long revision) {
}
