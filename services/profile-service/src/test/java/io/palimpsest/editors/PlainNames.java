package io.palimpsest.editors;

/** For tests whose events carry plain names only (aggregate fixtures, folds of hand-made events): no key store. */
public final class PlainNames {

    private PlainNames() {
    }

    public static EditorNames only() {
        return new EditorNames(null);
    }
}
