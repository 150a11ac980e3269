package io.palimpsest.model.api;

/** Body of adding or editing a source: a title and a URL or site. */
public record SourceContent(String title, String url, String site, Long baseRevision, String summary,
                            String commandId)
        implements EditRequest {
}
