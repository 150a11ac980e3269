package io.palimpsest.model;

/** How a claim is laid out in its section. */
public enum ClaimKind {
    /** A free-standing paragraph. */
    PARAGRAPH,
    /** An item of a bulleted list. */
    BULLET,
    /** An item of a numbered list; its number is its place among the numbered claims around it. */
    NUMBERED,
    /** A paragraph that opens with a label, such as {@code Funding: ...}. */
    LABELLED
}
