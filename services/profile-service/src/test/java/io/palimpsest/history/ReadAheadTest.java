package io.palimpsest.history;

import io.palimpsest.editors.PlainNames;
import io.palimpsest.model.ProfileEvent.FactSet;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadAheadTest {

    @Test
    void handsOverEveryEventOfTheLogInOrderThenSaysItEnded() {
        InMemoryEventStorageEngine log = new InMemoryEventStorageEngine();
        for (int i = 0; i < 450; i++) {
            log.appendEvents(i % 100 == 99 ? GenericEventMessage.asEventMessage("not a profile's")
                    : new GenericDomainEventMessage<>("Profile", "p", i, new FactSet("p", i + 1, "k", "v" + i)));
        }
        List<ReadAhead.Read> read = new ArrayList<>();
        try (ReadAhead events = new ReadAhead(log, PlainNames.only(), "test-reader")) {
            for (ReadAhead.Read next = events.next(); next != null; next = events.next()) {
                read.add(next);
            }
            assertThat(events.next()).isNull();
        }
        assertThat(read).hasSize(450);
        assertThat(read).extracting(r -> r.token().position().orElseThrow())
                .isSorted().doesNotHaveDuplicates();
        assertThat(read.get(99).event()).isNull();
        assertThat(read.get(449).event().payload()).isEqualTo(new FactSet("p", 450, "k", "v449"));
    }

    @Test
    void aFailedReadOfTheLogReachesTheFoldAfterTheEventsReadBeforeIt() {
        InMemoryEventStorageEngine log = new InMemoryEventStorageEngine() {
            @Override
            public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
                return Stream.concat(super.readEvents(token, mayBlock), Stream.generate(() -> {
                    throw new IllegalStateException("the log is unreadable");
                }));
            }
        };
        for (int i = 0; i < 250; i++) {
            log.appendEvents(new GenericDomainEventMessage<>("Profile", "p", i, new FactSet("p", i + 1, "k", "v")));
        }
        try (ReadAhead events = new ReadAhead(log, PlainNames.only(), "test-reader")) {
            for (int i = 0; i < 250; i++) {
                assertThat(events.next()).isNotNull();
            }
            assertThatThrownBy(events::next).hasMessage("the log is unreadable");
        }
    }

    @Test
    void closingStopsTheReaderOfALogThatDoesNotEnd() throws InterruptedException {
        CountDownLatch streamClosed = new CountDownLatch(1);
        InMemoryEventStorageEngine log = new InMemoryEventStorageEngine() {
            @Override
            public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
                TrackedEventMessage<?> first = super.readEvents(token, mayBlock).findFirst().orElseThrow();
                return Stream.generate(() -> first).onClose(streamClosed::countDown);
            }
        };
        log.appendEvents(new GenericDomainEventMessage<>("Profile", "p", 0, new FactSet("p", 1, "k", "v")));
        try (ReadAhead events = new ReadAhead(log, PlainNames.only(), "test-reader")) {
            assertThat(events.next()).isNotNull();
        }
        assertThat(streamClosed.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
