package io.palimpsest.problems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;

/**
 * Refuses a request whose {@code Accept} header does not parse with a {@code 400} problem, before anything else
 * runs: past this point Spring could write no answer to it at all (it answered an empty 400 or 406, even to a
 * request that was not signed in).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnreadableAcceptHeaders extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        try {
            if (accept != null) {
                MediaType.parseMediaTypes(accept);
            }
        } catch (InvalidMediaTypeException e) {
            ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "bad-request",
                    "Unreadable Accept header: " + e.getMessage());
            problem.setInstance(URI.create(request.getRequestURI()));
            ProblemBodies.write(response, problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
