package io.palimpsest.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Limits how fast each signed-in editor may write: a token bucket per principal ({@link EditRates}). Over the limit
 * the answer is {@code 429} with {@code Retry-After}. Reads are not limited: they append nothing to the event store.
 */
final class EditRateLimit extends WriteCheck {

    private final EditRates rates;

    EditRateLimit(EditRates rates, HandlerExceptionResolver problems) {
        super(problems);
        this.rates = rates;
    }

    @Override
    Exception refusal(HttpServletRequest write) {
        Authentication editor = SecurityContextHolder.getContext().getAuthentication();
        if (editor == null || editor instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return rates.take(editor.getName());
    }
}
