package io.palimpsest.editing;

import io.palimpsest.model.ProfileCommand;
import io.palimpsest.model.api.EditResult;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.security.Principal;
import java.util.Map;

/**
 * Sends profile commands on behalf of the authenticated principal. The editor is taken from the
 * principal here and nowhere else, so no request can name another editor.
 */
@Component
public class ProfileCommands {

    private final CommandGateway gateway;

    ProfileCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public EditResult send(ProfileCommand command, Principal editor) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of("editor", editor.getName())));
    }
}
