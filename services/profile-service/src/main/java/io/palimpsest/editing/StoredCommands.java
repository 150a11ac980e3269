package io.palimpsest.editing;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.palimpsest.model.ProfileCommand;
import org.springframework.stereotype.Component;

import java.util.Arrays;

/**
 * A suggestion keeps its edit as a {@link ProfileCommand} inside an event (and in the folded sheet), so commands are
 * stored as JSON naming their kind: {@code "command": "ReviseClaim"}. The names are those of the records, like event
 * class names part of the stored data; only the permitted commands can be named, never an arbitrary class.
 */
@Component
class StoredCommands extends SimpleModule {

    StoredCommands() {
        super("stored-commands");
        setMixInAnnotation(ProfileCommand.class, NamedByKind.class);
        registerSubtypes(Arrays.stream(ProfileCommand.class.getPermittedSubclasses())
                .map(command -> new NamedType(command, command.getSimpleName())).toArray(NamedType[]::new));
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "command")
    private interface NamedByKind {
    }
}
