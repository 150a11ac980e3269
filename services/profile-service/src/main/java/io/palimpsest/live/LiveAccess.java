package io.palimpsest.live;

import io.palimpsest.common.Ids;
import io.palimpsest.streams.WatchPush;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

import java.security.Principal;

/**
 * The STOMP-level rules, checked on every frame a client sends (a refused frame answers ERROR and ends the
 * connection): a READER may subscribe to a profile's changes and presence, to its edit answers and to its watched
 * changes, only an EDITOR may announce presence, anyone may send an edit (whose refusals are answers, not ERROR:
 * {@link SocketEdits}), nothing else may be subscribed to or sent, and {@code since-revision} must be a revision.
 */
@Component
class LiveAccess implements ChannelInterceptor {

    static final String SINCE_REVISION = "since-revision";

    private final RoleHierarchy roles;

    LiveAccess(RoleHierarchy roles) {
        this.roles = roles;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null || stomp.getCommand() == null) {
            return message;
        }
        if (stomp.getCommand() == StompCommand.SUBSCRIBE) {
            LiveDestination destination = destination(stomp);
            require(stomp.getUser(), "ROLE_READER", "reading");
            if (destination.kind() == LiveDestination.Kind.CHANGES) {
                sinceRevision(stomp);
            } else if (destination.kind() != LiveDestination.Kind.PRESENCE_LIST
                    && destination.kind() != LiveDestination.Kind.EDIT_ANSWERS
                    && destination.kind() != LiveDestination.Kind.WATCHED) {
                throw new IllegalArgumentException("Subscribe to /topic/profiles/{id}, /topic/profiles/{id}/presence, "
                        + LiveDestination.EDIT_ANSWERS + " or " + WatchPush.DESTINATION);
            }
        } else if (stomp.getCommand() == StompCommand.SEND) {
            LiveDestination.Kind kind = destination(stomp).kind();
            if (kind == LiveDestination.Kind.ANNOUNCE) {
                require(stomp.getUser(), "ROLE_EDITOR", "announcing editing presence");
            } else if (kind != LiveDestination.Kind.EDIT) {
                throw new IllegalArgumentException("The destinations to send to are /app/profiles/{id}/presence and"
                        + " /app/profiles/{id}/edits");
            }
            // An edit's role and rate are checked as its REST call's are, and answered as a problem (SocketEdits).
        }
        return message;
    }

    /** The revision a resuming subscriber has seen, or null for live changes only. */
    static Long sinceRevision(StompHeaderAccessor stomp) {
        String value = stomp.getFirstNativeHeader(SINCE_REVISION);
        if (value == null) {
            return null;
        }
        try {
            long revision = Long.parseLong(value.trim());
            if (revision >= 0) {
                return revision;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new Ids.BadRequest("'" + SINCE_REVISION + "' must be a revision (0 or more), not '" + value + "'");
    }

    private static LiveDestination destination(StompHeaderAccessor stomp) {
        return LiveDestination.parse(stomp.getDestination()).orElseThrow(() -> new IllegalArgumentException(
                "Unknown destination '" + stomp.getDestination() + "'"));
    }

    private void require(Principal user, String role, String what) {
        boolean allowed = user instanceof Authentication authentication
                && roles.getReachableGrantedAuthorities(authentication.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority).anyMatch(role::equals);
        if (!allowed) {
            throw new AccessDeniedException("Your role does not allow " + what);
        }
    }
}
