package io.palimpsest.editing;

import io.palimpsest.model.ProfileCommand;
import io.palimpsest.model.ProfileCommand.UndoChanges;
import io.palimpsest.model.api.EditResult;
import io.palimpsest.model.api.UndoResult;
import io.palimpsest.security.Roles;
import io.palimpsest.storage.Durability;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.security.Principal;
import java.util.Map;

/**
 * Sends profile commands on behalf of the authenticated principal. The editor is taken from the
 * principal here and nowhere else, so no request can name another editor. A result is returned only once the
 * store has made the command's events durable: the storage engine leaves that wait to the sender, so that it
 * happens after the profile's lock is released and edits of one profile can share a group commit. Reads on this node
 * then wait for the result's revision ({@link AcknowledgedEdits}).
 */
@Component
public class ProfileCommands {

    private final CommandGateway gateway;
    private final Durability durability;
    private final AcknowledgedEdits acknowledged;

    ProfileCommands(CommandGateway gateway, Durability durability, AcknowledgedEdits acknowledged) {
        this.gateway = gateway;
        this.durability = durability;
        this.acknowledged = acknowledged;
    }

    public EditResult send(ProfileCommand command, Principal editor) {
        EditResult result = sendAndWait(command, editor);
        acknowledged.acknowledged(result);
        return result;
    }

    /** A batch undo of one profile (or its dry run), answered with what it took back and what not. */
    public UndoResult undo(UndoChanges command, Principal reviewer) {
        UndoResult result = sendAndWait(command, reviewer);
        acknowledged.acknowledged(EditResult.at(result.profileId(), result.revision()));
        return result;
    }

    private <R> R sendAndWait(ProfileCommand command, Principal editor) {
        R result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of("editor", editor.getName(), Profile.ROLE, Roles.of(editor))));
        durability.awaitDurable();
        return result;
    }
}
