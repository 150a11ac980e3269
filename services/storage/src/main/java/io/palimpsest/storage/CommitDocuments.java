package io.palimpsest.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

/**
 * The BSON shape of commits, sealed positions and snapshots. Payload and metadata are kept as the serializer's
 * JSON text: a BSON string is copied as bytes, where a nested document would be re-encoded field by field on every
 * write and read, and the text stays readable in mongosh.
 */
final class CommitDocuments {

    static final String ID = "_id";
    static final String STREAM = "stream";
    static final String AGGREGATE_ID = "aggregateId";
    static final String AGGREGATE_TYPE = "aggregateType";
    static final String FIRST_SEQ = "firstSeq";
    static final String LAST_SEQ = "lastSeq";
    static final String TIMESTAMP = "timestamp";
    static final String EVENTS = "events";
    static final String SEALED = "sealed";

    private static final String EVENT_ID = "eventId";
    private static final String SEQ = "seq";
    private static final String PAYLOAD_TYPE = "payloadType";
    private static final String PAYLOAD_REVISION = "payloadRevision";
    private static final String PAYLOAD = "payload";
    private static final String META_DATA = "metaData";

    private CommitDocuments() {
    }

    static String streamId(String aggregateId, long firstSequenceNumber) {
        return aggregateId + "#" + firstSequenceNumber;
    }

    /**
     * One commit: events of a single aggregate with consecutive sequence numbers, or events without aggregate.
     * Position and commit timestamp are added by the writer once the position is allocated.
     */
    static Document commit(List<? extends EventMessage<?>> events, Serializer serializer) {
        Document commit = new Document();
        if (events.get(0) instanceof DomainEventMessage<?> first) {
            DomainEventMessage<?> last = (DomainEventMessage<?>) events.get(events.size() - 1);
            commit.append(STREAM, streamId(first.getAggregateIdentifier(), first.getSequenceNumber()))
                  .append(AGGREGATE_ID, first.getAggregateIdentifier())
                  .append(AGGREGATE_TYPE, first.getType())
                  .append(FIRST_SEQ, first.getSequenceNumber())
                  .append(LAST_SEQ, last.getSequenceNumber());
        }
        List<Document> eventDocuments = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            eventDocuments.add(event(event, serializer));
        }
        return commit.append(EVENTS, eventDocuments);
    }

    static Document snapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        return event(snapshot, serializer)
                .append(ID, snapshot.getAggregateIdentifier())
                .append(AGGREGATE_TYPE, snapshot.getType());
    }

    static DomainEventData<?> snapshotData(Document snapshot) {
        return entry(snapshot, snapshot.getString(AGGREGATE_TYPE), snapshot.getString(ID));
    }

    static boolean isSealed(Document document) {
        return document.getBoolean(SEALED, false);
    }

    static String firstEventId(Document commit) {
        return commit.getList(EVENTS, Document.class).get(0).getString(EVENT_ID);
    }

    /** The commit's events; events without aggregate come back with a null aggregate identifier, as Axon expects. */
    static List<DomainEventData<?>> events(Document commit) {
        String aggregateType = commit.getString(AGGREGATE_TYPE);
        String aggregateId = commit.getString(AGGREGATE_ID);
        List<Document> events = commit.getList(EVENTS, Document.class);
        List<DomainEventData<?>> result = new ArrayList<>(events.size());
        for (Document event : events) {
            result.add(entry(event, aggregateType, aggregateId));
        }
        return result;
    }

    /** Replaces each event's metadata text by what {@code rewrite} makes of it; whether any changed. */
    static boolean rewriteMetaData(Document commit, UnaryOperator<String> rewrite) {
        boolean changed = false;
        for (Document event : commit.getList(EVENTS, Document.class)) {
            String before = event.getString(META_DATA);
            String after = rewrite.apply(before);
            if (!after.equals(before)) {
                event.put(META_DATA, after);
                changed = true;
            }
        }
        return changed;
    }

    private static Document event(EventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        long sequenceNumber = event instanceof DomainEventMessage<?> domainEvent ? domainEvent.getSequenceNumber() : 0L;
        // Axon's fixed-width ISO format keeps nanoseconds, which a BSON date would cut to milliseconds.
        return new Document(EVENT_ID, event.getIdentifier())
                .append(SEQ, sequenceNumber)
                .append(PAYLOAD_TYPE, payload.getType().getName())
                .append(PAYLOAD_REVISION, payload.getType().getRevision())
                .append(PAYLOAD, payload.getData())
                .append(META_DATA, metaData.getData())
                .append(TIMESTAMP, DateTimeUtils.formatInstant(event.getTimestamp()));
    }

    private static GenericDomainEventEntry<String> entry(Document event, String aggregateType, String aggregateId) {
        return new GenericDomainEventEntry<>(aggregateType,
                                             aggregateId,
                                             event.getLong(SEQ),
                                             event.getString(EVENT_ID),
                                             event.getString(TIMESTAMP),
                                             event.getString(PAYLOAD_TYPE),
                                             event.getString(PAYLOAD_REVISION),
                                             event.getString(PAYLOAD),
                                             event.getString(META_DATA));
    }
}
