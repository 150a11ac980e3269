package io.palimpsest.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palimpsest.model.ProfileEvent.ClaimRevised;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code ClaimRevised} revision 1 (stored without a revision) to revision 2: the new {@code origin}
 * follows from what revision 1 knew, {@code merged}. A v1 event cannot have been a revert, as v1 did
 * not tell reverts apart.
 */
class ClaimRevisedUpcaster extends SingleEventUpcaster {

    static final String TYPE = ClaimRevised.class.getName();
    static final String REVISION = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getName().equals(TYPE) && representation.getType().getRevision() == null;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, REVISION), JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload;
            boolean merged = event.path("merged").asBoolean(false);
            event.put("origin", (merged ? ClaimRevised.Origin.MERGE : ClaimRevised.Origin.EDIT).name());
            return event;
        });
    }
}
