package io.palimpsest.streams;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.palimpsest.storage.Durability;
import io.palimpsest.storage.EmbeddedMongoServer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registered webhooks ({@code webhooks}, one document per webhook) and how their deliveries stand
 * ({@code webhook_deliveries}, one per webhook: the recent attempts, the failures in a row, the last error), in the
 * read models' database, where the token store keeps each webhook's position too. Every lookup is by {@code _id}.
 * On the embedded store that database's file commits about once a second by itself; a change to a definition is
 * made durable before it is answered, while a delivery's record may be lost with the last second before a crash
 * (the position, stored after the delivery, then is too: the change is delivered again).
 */
@Repository
class Webhooks {

    private final MongoCollection<Document> definitions;
    private final MongoCollection<Document> deliveries;
    private final Durability durability;
    private final int kept;

    Webhooks(MongoDatabase database, WebhooksProperties settings,
             @Qualifier("readModelStore") ObjectProvider<EmbeddedMongoServer> embedded) {
        this.definitions = database.getCollection("webhooks");
        this.deliveries = database.getCollection("webhook_deliveries");
        EmbeddedMongoServer server = embedded.getIfAvailable();
        this.durability = server == null ? Durability.NONE : server.durability();
        this.kept = settings.deliveriesKept();
    }

    void add(Webhook webhook) {
        definitions.insertOne(document(webhook));
        durability.awaitDurable();
    }

    void replace(Webhook webhook) {
        definitions.replaceOne(Filters.eq("_id", webhook.id()), document(webhook));
        durability.awaitDurable();
    }

    /** False if there was no such webhook. */
    boolean remove(String id) {
        boolean removed = definitions.deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
        deliveries.deleteOne(Filters.eq("_id", id));
        durability.awaitDurable();
        return removed;
    }

    Optional<Webhook> find(String id) {
        return Optional.ofNullable(definitions.find(Filters.eq("_id", id)).first()).map(Webhooks::webhook);
    }

    /** Every webhook, oldest first. There are few: a scan. */
    List<Webhook> all() {
        List<Webhook> all = new ArrayList<>();
        definitions.find().forEach(document -> all.add(webhook(document)));
        all.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return all;
    }

    WebhookStatus status(String id) {
        return statuses(List.of(id)).getOrDefault(id, WebhookStatus.NONE);
    }

    Map<String, WebhookStatus> statuses(Collection<String> ids) {
        Map<String, WebhookStatus> statuses = new HashMap<>();
        deliveries.find(Filters.in("_id", ids)).forEach(document -> statuses.put(document.getString("_id"),
                status(document)));
        return statuses;
    }

    /**
     * Adds an attempt to the webhook's recent ones in one write. A change delivered moves {@code deliveredUpTo} to
     * {@code cursor} and ends a run of failures; a failed one adds to it; a ping changes neither.
     */
    void record(String webhookId, Delivery delivery, Cursor cursor) {
        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.pushEach("recent", List.of(document(delivery)), new PushOptions().slice(-kept)));
        if (!delivery.succeeded()) {
            updates.add(Updates.set("lastError", delivery.error()));
            updates.add(Updates.set("lastErrorAt", Date.from(delivery.time())));
            if (cursor != null) {
                updates.add(Updates.inc("failures", 1));
            }
        } else if (cursor != null) {
            updates.add(Updates.set("failures", 0));
            updates.add(Updates.set("deliveredUpTo", cursor.toString()));
        }
        deliveries.updateOne(Filters.eq("_id", webhookId), Updates.combine(updates), new UpdateOptions().upsert(true));
    }

    /** A webhook resumed starts a new run: its earlier failures no longer count towards a pause. */
    void clearFailures(String webhookId) {
        deliveries.updateOne(Filters.eq("_id", webhookId), Updates.set("failures", 0));
    }

    private static Document document(Webhook webhook) {
        return new Document("_id", webhook.id()).append("url", webhook.url().toString())
                .append("description", webhook.description()).append("filters", document(webhook.filters()))
                .append("secret", webhook.secret()).append("paused", webhook.paused())
                .append("pausedAt", date(webhook.pausedAt())).append("createdBy", webhook.createdBy())
                .append("createdAt", date(webhook.createdAt())).append("version", webhook.version());
    }

    private static Webhook webhook(Document document) {
        return new Webhook(document.getString("_id"), URI.create(document.getString("url")),
                document.getString("description"), filters(document.get("filters", Document.class)),
                document.getString("secret"), document.getBoolean("paused"), instant(document.getDate("pausedAt")),
                document.getString("createdBy"), instant(document.getDate("createdAt")), document.getLong("version"));
    }

    private static Document document(ChangeQuery filters) {
        return new Document("profile", filters.profile()).append("editor", filters.editor())
                .append("kind", filters.kind()).append("section", filters.section()).append("claim", filters.claim())
                .append("source", filters.source()).append("from", filters.from()).append("to", filters.to());
    }

    private static ChangeQuery filters(Document document) {
        return new ChangeQuery(list(document, "profile"), list(document, "editor"), list(document, "kind"),
                list(document, "section"), list(document, "claim"), list(document, "source"),
                document.getString("from"), document.getString("to"));
    }

    private static List<String> list(Document document, String name) {
        return document.getList(name, String.class);
    }

    private static Document document(Delivery delivery) {
        return new Document("delivery", delivery.delivery()).append("position", delivery.position())
                .append("event", delivery.event()).append("attempt", delivery.attempt())
                .append("status", delivery.status()).append("latencyMs", delivery.latencyMs())
                .append("error", delivery.error()).append("time", Date.from(delivery.time()));
    }

    private static WebhookStatus status(Document document) {
        List<Delivery> recent = new ArrayList<>();
        for (Document attempt : document.getList("recent", Document.class, List.of())) {
            recent.add(new Delivery(attempt.getString("delivery"), attempt.getLong("position"),
                    attempt.getString("event"), attempt.getInteger("attempt"), attempt.getInteger("status"),
                    attempt.getLong("latencyMs"), attempt.getString("error"), attempt.getDate("time").toInstant()));
        }
        Collections.reverse(recent);
        return new WebhookStatus(document.getInteger("failures", 0), document.getString("lastError"),
                instant(document.getDate("lastErrorAt")), document.getString("deliveredUpTo"), List.copyOf(recent));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
