package io.palimpsest.editing;

import java.util.HashMap;
import java.util.Map;

/**
 * A command the profile refuses. The kind says how a client should read it; {@code details} carries
 * what a client needs to recover (for an edit conflict: the current text, its revision and editor).
 */
public class ProfileRejection extends RuntimeException {

    public enum Kind {
        /** The profile or an element the command names does not exist. */
        NOT_FOUND,
        /** The command can never succeed as it stands (bad position, missing source, ...). */
        INVALID,
        /** The command clashes with the profile's current state or with a concurrent edit. */
        CONFLICT,
        /** The editor may send such commands, but not this one: a review of their own change. */
        FORBIDDEN
    }

    private final Kind kind;
    private final Map<String, Object> details;
    private final boolean needsRollback;

    ProfileRejection(Kind kind, String message, Map<String, Object> details) {
        this(kind, message, details, false);
    }

    private ProfileRejection(Kind kind, String message, Map<String, Object> details, boolean needsRollback) {
        super(message);
        this.kind = kind;
        this.details = Map.copyOf(details);
        this.needsRollback = needsRollback;
    }

    /** The same refusal of a command that would have created the profile. */
    ProfileRejection ofNewProfile() {
        return new ProfileRejection(kind, getMessage(), details, true);
    }

    /**
     * The refusal of change {@code index} of a batch as the batch's refusal: the detail {@code change} names the
     * part. {@code afterApplying}: earlier parts have applied events, which must not be stored.
     */
    ProfileRejection inChange(int index, boolean afterApplying) {
        Map<String, Object> named = new HashMap<>(details);
        named.put("change", index);
        return new ProfileRejection(kind, "Change " + index + ": " + getMessage(), named,
                needsRollback || afterApplying);
    }

    /**
     * The refusal of a suggestion's edit as the refusal of accepting it: the details name the suggestion and, for a
     * claim's text, the text suggested beside the current one. {@code afterApplying} as for {@link #inChange}.
     */
    ProfileRejection inSuggestion(String suggestionId, String suggestedText, boolean afterApplying) {
        Map<String, Object> named = new HashMap<>(details);
        named.put("suggestionId", suggestionId);
        if (suggestedText != null) {
            named.put("suggestedText", suggestedText);
        }
        return new ProfileRejection(kind, "Suggestion " + suggestionId + " cannot be accepted: " + getMessage(), named,
                needsRollback || afterApplying);
    }

    /**
     * Whether the refused command's unit of work must roll back: when the profile was to be created by it, as there
     * is then no aggregate to keep, or when a batch was refused after earlier changes of it were applied. Otherwise
     * the command was refused before anything was applied.
     */
    boolean needsRollback() {
        return needsRollback;
    }

    static ProfileRejection notFound(String message) {
        return new ProfileRejection(Kind.NOT_FOUND, message, Map.of());
    }

    static ProfileRejection invalid(String message) {
        return new ProfileRejection(Kind.INVALID, message, Map.of());
    }

    static ProfileRejection conflict(String message) {
        return new ProfileRejection(Kind.CONFLICT, message, Map.of());
    }

    static ProfileRejection conflict(String message, Map<String, Object> details) {
        return new ProfileRejection(Kind.CONFLICT, message, details);
    }

    static ProfileRejection forbidden(String message) {
        return new ProfileRejection(Kind.FORBIDDEN, message, Map.of());
    }

    public Kind kind() {
        return kind;
    }

    public Map<String, Object> details() {
        return details;
    }
}
