package io.palimpsest.common;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A projection's writes gathered over one batch of its tracking processor and written once, by the handler of the
 * batch's last event. That is before the unit of work commits, hence before the processor stores the token past
 * the batch, so no event is lost; a batch that fails is rolled back, its writes dropped and {@code discard} told to
 * forget what it folded, and the processor delivers the batch again.
 *
 * @param <T> what one batch gathers
 */
public final class ProjectionBatch<T> {

    private final String resourceKey;
    private final Supplier<T> empty;
    private final Consumer<T> write;
    private final Runnable discard;

    public ProjectionBatch(String name, Supplier<T> empty, Consumer<T> write, Runnable discard) {
        this.resourceKey = ProjectionBatch.class.getName() + "/" + name;
        this.empty = empty;
        this.write = write;
        this.discard = discard;
    }

    /** The writes gathered so far in the batch being handled. */
    public T pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return empty.get();
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(resourceKey, key -> {
            unitOfWork.onRollback(u -> discard.run());
            return empty.get();
        });
    }

    /** The events of the batch being handled (the one event, if it is not part of a batch), for reading ahead. */
    public static List<EventMessage<?>> events() {
        if (!CurrentUnitOfWork.isStarted()) {
            return List.of();
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch) {
            return batch.getMessages().stream().<EventMessage<?>>map(message -> (EventMessage<?>) message).toList();
        }
        return unitOfWork.getMessage() instanceof EventMessage<?> event ? List.of(event) : List.of();
    }

    /** Writes what the batch gathered if the event being handled is the batch's last (or not part of a batch). */
    public void endOfEvent(T pending) {
        if (!CurrentUnitOfWork.isStarted()) {
            write.accept(pending);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            unitOfWork.resources().remove(resourceKey);
            write.accept(pending);
        }
    }
}
