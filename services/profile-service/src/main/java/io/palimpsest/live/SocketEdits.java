package io.palimpsest.live;

import io.palimpsest.common.Ids;
import io.palimpsest.editing.EditCalls;
import io.palimpsest.editing.ProfileCommands;
import io.palimpsest.model.ProfileCommand;
import io.palimpsest.model.api.EditCall;
import io.palimpsest.model.live.EditAnswer;
import io.palimpsest.problems.EditRefusals;
import io.palimpsest.security.MessageWrites;
import io.palimpsest.security.RequestBodies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Controller;

import java.security.Principal;
import java.util.Map;

/**
 * {@code SEND /app/profiles/{id}/edits}: an edit as its REST call ({@link EditCall}: method, path below the profile,
 * the REST body, whose {@code commandId} is required here), taken through the REST call's checks — role and rate
 * ({@link MessageWrites}), the body read strictly under the text rules ({@link RequestBodies}), the same mapping to
 * its command ({@link EditCalls}) and the same sender ({@link ProfileCommands}) — and answered on the connection's
 * {@code /user/queue/edits} with the revision, or with the problem REST would answer ({@link EditRefusals}). A
 * refusal is an answer, not an ERROR frame: the connection stays open.
 */
@Controller
class SocketEdits {

    private static final Logger log = LoggerFactory.getLogger(SocketEdits.class);

    private final MessageWrites writes;
    private final RequestBodies bodies;
    private final EditCalls calls;
    private final ProfileCommands commands;
    private final EditRefusals refusals;
    private final EditAnswers answers;

    SocketEdits(MessageWrites writes, RequestBodies bodies, EditCalls calls, ProfileCommands commands,
                EditRefusals refusals, EditAnswers answers) {
        this.writes = writes;
        this.bodies = bodies;
        this.calls = calls;
        this.commands = commands;
        this.refusals = refusals;
        this.answers = answers;
    }

    @MessageMapping("/profiles/{profileId}/edits")
    void edit(@DestinationVariable String profileId, Message<byte[]> frame, Principal editor) {
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(frame);
        String receipt = stomp.getReceipt();
        EditCall call = null;
        RuntimeException unreadable = null;
        try {
            call = bodies.read(frame.getPayload(), EditCall.class);
        } catch (RuntimeException e) {
            unreadable = e;
        }
        EditAnswer answer;
        try {
            // As over HTTP, role and rate come before what is wrong with the body; the body was read first only so
            // that every answer can carry the edit's command id.
            writes.check(editor, EditCalls.restPath(profileId, null));
            if (unreadable != null) {
                throw unreadable;
            }
            ProfileCommand command = calls.command(profileId, call);
            Ids.required(command.note().commandId(), "commandId");
            answer = EditAnswer.applied(command.note().commandId(), receipt, commands.send(command, editor));
        } catch (RuntimeException refused) {
            Map<String, Object> problem = refusals.of(refused, EditCalls.restPath(profileId, call));
            if (Integer.valueOf(500).equals(problem.get("status"))) {
                log.error("A STOMP edit of {} failed", profileId, refused);
            }
            answer = EditAnswer.refused(commandId(call), receipt, profileId, problem);
        }
        answers.send(stomp.getSessionId(), answer);
    }

    /** The command id of an edit that may not have been readable as a command. */
    private static String commandId(EditCall call) {
        return call != null && call.body() != null && call.body().get("commandId") instanceof String id ? id : null;
    }
}
