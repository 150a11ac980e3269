package io.palimpsest.editors;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Seals the editor of every event on its way to the event store: the plain name the aggregate applied it with becomes
 * the editor's id and the name sealed under their key ({@link EditorNames}). The aggregate itself folds the event
 * with the plain name before it is published; every later reader gets the sealed form and opens it.
 */
@Component
public class PseudonymousEditors implements MessageDispatchInterceptor<EventMessage<?>> {

    private final EditorNames names;

    PseudonymousEditors(EditorNames names) {
        this.names = names;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> {
            Object editor = message.getMetaData().get(EditorNames.EDITOR);
            if (editor == null || message.getMetaData().containsKey(EditorNames.SEALED_NAME)) {
                return message;
            }
            return message.andMetaData(names.seal(editor.toString()).metaData());
        };
    }
}
