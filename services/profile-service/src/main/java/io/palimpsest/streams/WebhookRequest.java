package io.palimpsest.streams;

/**
 * A registration ({@code POST /api/webhooks}) or, with every field optional, a change ({@code PATCH}): the target,
 * the changes it wants (the change stream's filters; none: every change), a note for people, and, at registration
 * only, where in the log to start: {@code after} a cursor of the stream, else at {@code filters.from}, else at the
 * head (the changes stored from now on).
 */
record WebhookRequest(String url, ChangeQuery filters, String description, String after) {
}
