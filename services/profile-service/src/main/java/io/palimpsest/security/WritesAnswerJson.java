package io.palimpsest.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.util.List;

/**
 * Refuses, before anything runs, a write whose {@code Accept} header admits no JSON ({@code 406}): every write answers
 * JSON, and Spring MVC chooses the answer's type only after the handler, so such an edit was made and then refused.
 */
final class WritesAnswerJson extends WriteCheck {

    private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON,
            MediaType.APPLICATION_PROBLEM_JSON);

    WritesAnswerJson(HandlerExceptionResolver problems) {
        super(problems);
    }

    @Override
    Exception refusal(HttpServletRequest write) {
        String accept = write.getHeader(HttpHeaders.ACCEPT);
        return accept == null || admitsJson(accept) ? null : new HttpMediaTypeNotAcceptableException(ANSWERS);
    }

    /** An unreadable header was refused before (problems.UnreadableAcceptHeaders). */
    private static boolean admitsJson(String accept) {
        return MediaType.parseMediaTypes(accept).stream()
                .anyMatch(wanted -> ANSWERS.stream().anyMatch(wanted::isCompatibleWith));
    }
}
