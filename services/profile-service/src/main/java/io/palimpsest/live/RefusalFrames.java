package io.palimpsest.live;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * The ERROR frame for a refused client frame says why it was refused ({@link LiveAccess}'s message), not that
 * the inbound channel failed to deliver it.
 */
final class RefusalFrames extends StompSubProtocolErrorHandler {

    @Override
    public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
        Throwable reason = ex instanceof MessageDeliveryException && ex.getCause() != null ? ex.getCause() : ex;
        return super.handleClientMessageProcessingError(clientMessage, reason);
    }
}
