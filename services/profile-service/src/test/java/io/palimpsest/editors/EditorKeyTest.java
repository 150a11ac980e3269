package io.palimpsest.editors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EditorKeyTest {

    @Test
    void aSealedNameOpensWithItsKeyOnlyAndHidesTheName() {
        EditorKey key = EditorKey.generate();
        String sealed = key.seal("alice");
        assertThat(sealed).doesNotContain("alice");
        assertThat(key.open(sealed)).isEqualTo("alice");
        assertThat(key.seal("alice")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> EditorKey.generate().open(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSealedNameIsBoundToItsEditorId() {
        EditorKey key = EditorKey.generate();
        EditorKey sameKeyOtherId = new EditorKey("editor-other", key.key());
        assertThatThrownBy(() -> sameKeyOtherId.open(key.seal("alice"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theErasedPseudonymIsStableAndNamesTheEditorIdOnly() {
        EditorKey key = EditorKey.generate();
        assertThat(key.editorId()).matches("editor-[A-Za-z0-9_-]{16}");
        assertThat(EditorKey.pseudonymOf(key.editorId())).isEqualTo("erased-" + key.editorId())
                .isEqualTo(EditorKey.pseudonymOf(key.editorId()));
    }

    @Test
    void plainNamesPassThroughAndMetaDataWithoutAnEditorNamesNone() {
        EditorNames names = PlainNames.only();
        assertThat(names.of(java.util.Map.of("editor", "bob"))).isEqualTo("bob");
        assertThat(names.of(java.util.Map.of("summary", "x"))).isNull();
    }
}
