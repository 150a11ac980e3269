package io.palimpsest.editors;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who made an event, the one place that tells: every reader of an event's editor asks {@link #of}. Stored events
 * carry the editor's pseudonymous id as {@code editor} and the name sealed under that editor's key as
 * {@code editorName} ({@link PseudonymousEditors} seals them on their way into the store); this opens the name, or,
 * once the key is erased, answers the editor's pseudonym {@code erased-editor-…}. An {@code editor} without
 * {@code editorName} is a plain name: an event being applied before it is stored, or one stored by a version before
 * pseudonyms that {@link PlainEditorNames} has not sealed yet.
 * <p>
 * Both directions are cached, so an edit or a read does no cryptography and no lookup once its editor is known here:
 * the sealed name of each name (one per node, made with the key's first use), the name of each editor id.
 */
@Component
public class EditorNames {

    static final String EDITOR = "editor";
    static final String SEALED_NAME = "editorName";

    private final EditorKeys keys;
    private final Map<String, Sealed> sealedByName = new ConcurrentHashMap<>();
    private final Map<String, String> nameById = new ConcurrentHashMap<>();

    EditorNames(EditorKeys keys) {
        this.keys = keys;
    }

    /** A name as events store it: the editor's id and the name sealed under their key. */
    record Sealed(String editorId, String name) {

        Map<String, Object> metaData() {
            return Map.of(EDITOR, editorId, SEALED_NAME, name);
        }
    }

    /** The name (or, erased, the pseudonym) of the editor of an event with this metadata; null if it names none. */
    public String of(Map<String, ?> metaData) {
        Object editor = metaData.get(EDITOR);
        Object sealed = metaData.get(SEALED_NAME);
        if (editor == null || sealed == null) {
            return editor == null ? null : editor.toString();
        }
        String editorId = editor.toString();
        String known = nameById.get(editorId);
        if (known != null) {
            return known;
        }
        String name = keys.key(editorId).map(key -> key.open(sealed.toString()))
                .orElseGet(() -> EditorKey.pseudonymOf(editorId));
        String raced = nameById.putIfAbsent(editorId, name);
        return raced == null ? name : raced;
    }

    /** The sealed form of {@code name}, with a new key if the name has none (its first edit, or first since erasure). */
    Sealed seal(String name) {
        Sealed known = sealedByName.get(name);
        if (known != null) {
            return known;
        }
        EditorKey key = keys.keyOfName(name).orElseGet(() -> keys.create(name));
        Sealed sealed = new Sealed(key.editorId(), key.seal(name));
        nameById.putIfAbsent(key.editorId(), name);
        Sealed raced = sealedByName.putIfAbsent(name, sealed);
        return raced == null ? sealed : raced;
    }

    /**
     * Deletes the name's key, and forgets the name here; the pseudonym its events show from now on, if it had a key.
     * Other nodes keep what they cached until they restart (docs/operations.md, "Erasure").
     */
    Optional<String> erase(String name) {
        Optional<String> editorId = keys.delete(name);
        sealedByName.remove(name);
        // Put, not removed: a read that opened the name just before the key went cannot cache it back.
        editorId.ifPresent(id -> nameById.put(id, EditorKey.pseudonymOf(id)));
        return editorId.map(EditorKey::pseudonymOf);
    }
}
