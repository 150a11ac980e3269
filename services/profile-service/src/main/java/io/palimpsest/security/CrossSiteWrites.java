package io.palimpsest.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses a write sent by another site's page ({@code Sec-Fetch-Site: cross-site}, which browsers set and pages
 * cannot): a browser holding Basic credentials for the service sends them with such a request, and a plain form can
 * post {@code text/plain} to the import without a preflight. Clients that are not browsers send no such header; a
 * page of the service's own site is {@code same-origin}.
 */
final class CrossSiteWrites extends WriteCheck {

    CrossSiteWrites(HandlerExceptionResolver problems) {
        super(problems);
    }

    @Override
    Exception refusal(HttpServletRequest write) {
        return "cross-site".equalsIgnoreCase(write.getHeader("Sec-Fetch-Site")) ? new CrossSiteWrite() : null;
    }
}
