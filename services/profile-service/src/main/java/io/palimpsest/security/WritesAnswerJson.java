package io.palimpsest.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.util.List;

/**
 * Refuses, before anything runs, a write whose {@code Accept} header admits no JSON ({@code 406}): every write answers
 * JSON, and Spring MVC chooses the answer's type only after the handler, so such an edit was made and then refused.
 */
final class WritesAnswerJson extends OncePerRequestFilter {

    private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON,
            MediaType.APPLICATION_PROBLEM_JSON);

    private final HandlerExceptionResolver problems;

    WritesAnswerJson(HandlerExceptionResolver problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || EditRateLimit.isRead(request) || admitsJson(accept)) {
            chain.doFilter(request, response);
            return;
        }
        problems.resolveException(request, response, null, new HttpMediaTypeNotAcceptableException(ANSWERS));
    }

    private static boolean admitsJson(String accept) {
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(wanted -> ANSWERS.stream().anyMatch(wanted::isCompatibleWith));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
