package io.palimpsest.problems;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

import java.io.IOException;
import java.util.Map;

/** Writes a problem straight to the response, where Spring MVC's message converters cannot be used. */
final class ProblemBodies {

    private static final ObjectMapper JSON = new ObjectMapper().addMixIn(ProblemDetail.class,
            ProblemDetailJacksonMixin.class);

    private ProblemBodies() {
    }

    /** The problem as the JSON object it is written as. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(ProblemDetail problem) {
        return JSON.convertValue(problem, Map.class);
    }

    static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), problem);
    }
}
