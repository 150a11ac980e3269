package io.palimpsest.model.live;

import io.palimpsest.model.api.EditResult;

import java.util.List;
import java.util.Map;

/**
 * The answer to an edit sent over STOMP ({@code SEND /app/profiles/{id}/edits}), on the sending connection's
 * {@code /user/queue/edits}: what the edit's REST call would have answered. An applied edit has its revision and the
 * ids it created and no problem; one kept as a suggestion (the profile is in suggestion mode) its revision and
 * {@code suggestionId}; a refused one has only the problem, the RFC 7807 document REST would give.
 *
 * @param commandId the edit's command id, so the client can tell which edit this answers (null if unreadable)
 * @param receiptId the {@code receipt} header of the frame, if it had one
 */
public record EditAnswer(String commandId, String receiptId, String profileId, Long revision, String createdId,
                         List<String> createdIds, String suggestionId, Map<String, Object> problem) {

    public static EditAnswer applied(String commandId, String receiptId, EditResult result) {
        return new EditAnswer(commandId, receiptId, result.profileId(), result.revision(), result.createdId(),
                result.createdIds(), result.suggestionId(), null);
    }

    public static EditAnswer refused(String commandId, String receiptId, String profileId,
                                     Map<String, Object> problem) {
        return new EditAnswer(commandId, receiptId, profileId, null, null, null, null, problem);
    }
}
