package io.palimpsest.editing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.palimpsest.model.EditNote;
import io.palimpsest.model.ProfileCommand;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/** The gateway retries a command that lost a race with another node, never one the profile refused. */
class CommandGatewayRetryTest {

    private static final ProfileCommand.RemoveFact COMMAND =
            new ProfileCommand.RemoveFact("acme", new EditNote(3L, null, null), "Founded");

    @Test
    void aRefusedCommandIsAnsweredAtOnceAndNotRetried() {
        FailingBus bus = new FailingBus(() -> ProfileRejection.notFound("Profile 'acme' has no fact 'Founded'"));

        assertThatThrownBy(() -> gateway(bus).sendAndWait(COMMAND)).isInstanceOf(ProfileRejection.class);

        assertThat(bus.dispatches.get()).isEqualTo(1);
    }

    @Test
    void aCommandThatLostARaceIsRetried() {
        FailingBus bus = new FailingBus(() -> new ConcurrencyException("stream key taken"));

        assertThatThrownBy(() -> gateway(bus).sendAndWait(COMMAND)).isInstanceOf(ConcurrencyException.class);

        assertThat(bus.dispatches.get()).isEqualTo(6);
    }

    private static CommandGateway gateway(CommandBus bus) {
        return new ProfileAggregateConfiguration().commandGateway(bus);
    }

    /** Answers every command with a fresh failure and counts how often it was asked. */
    private static final class FailingBus implements CommandBus {

        private final Supplier<RuntimeException> failure;
        final AtomicInteger dispatches = new AtomicInteger();

        FailingBus(Supplier<RuntimeException> failure) {
            this.failure = failure;
        }

        @Override
        public <C> void dispatch(CommandMessage<C> command) {
            dispatch(command, (c, r) -> {
            });
        }

        @Override
        public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
            dispatches.incrementAndGet();
            callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(failure.get()));
        }

        @Override
        public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
            return () -> true;
        }

        @Override
        public Registration registerHandlerInterceptor(
                MessageHandlerInterceptor<? super CommandMessage<?>> interceptor) {
            return () -> true;
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super CommandMessage<?>> interceptor) {
            return () -> true;
        }
    }
}
