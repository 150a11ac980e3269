package io.palimpsest.live;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import java.io.IOException;

/**
 * When Spring cuts off a subscriber that exceeded the send buffer or time limit, it closes the socket with status
 * 4500 and no reason. A stalled client cannot be sent a STOMP frame any more (it would wait behind everything
 * unsent), so the close frame is the one place to say what happened and what to do.
 */
final class CutOffNotice extends WebSocketHandlerDecorator {

    static final String REASON = "too far behind: reconnect and SUBSCRIBE with since-revision";

    CutOffNotice(WebSocketHandler delegate) {
        super(delegate);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        super.afterConnectionEstablished(new WebSocketSessionDecorator(session) {
            @Override
            public void close(CloseStatus status) throws IOException {
                super.close(status.equalsCode(CloseStatus.SESSION_NOT_RELIABLE) ? status.withReason(REASON) : status);
            }
        });
    }
}
