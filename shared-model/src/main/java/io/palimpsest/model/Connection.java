package io.palimpsest.model;

/** A typed link to another organisation, optionally through a person ({@code staff from · Yi Zeng}). */
public record Connection(String id, String target, String relation, String via) {
}
