package io.palimpsest.model.api;

/**
 * An open suggestion as everyone sees it, next to what it would change. {@code edit} names the kind of edit
 * ({@code "ReviseClaim"}, {@code "AddClaim"}, ... or {@code "ApplyChanges"} for several at once) and
 * {@code describes} says it in words; {@code claimId} and {@code sectionId} are what it is attached to (both null: the
 * profile as a whole). For an edit of a text, {@code currentText} is the text now and {@code suggestedText} the text
 * suggested. {@code revision} made the suggestion or last amended it; {@code baseRevision} is the revision the
 * suggester saw.
 */
public record SuggestionView(String id, String author, long revision, Long baseRevision, String summary, String edit,
                             String describes, String claimId, String sectionId, String currentText,
                             String suggestedText) {
}
