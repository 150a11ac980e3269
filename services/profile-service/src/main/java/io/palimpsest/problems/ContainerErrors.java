package io.palimpsest.problems;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * The servlet container's error page, for requests that fail before or outside Spring MVC's handlers (a URL refused
 * by Spring Security's firewall, a filter that fails): a problem like every other refusal, instead of Spring Boot's
 * own error JSON.
 */
@Hidden // the container's error page, not part of the API
@RestController
class ContainerErrors implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus known = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? HttpStatus.resolve(code) : null;
        HttpStatus status = known != null ? known : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail problem = ProblemResponses.ofStatus(status,
                (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE));
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            try {
                problem.setInstance(URI.create(uri));
            } catch (IllegalArgumentException e) {
                // A URL refused for its characters may not parse as a URI: the problem then names no instance.
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
