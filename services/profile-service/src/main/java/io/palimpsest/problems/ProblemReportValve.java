package io.palimpsest.problems;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

import java.io.IOException;

/**
 * Tomcat's own refusals, made before any filter or servlet runs (a URL with an encoded {@code /}, a backslash, a NUL
 * or broken percent-encoding), as problems instead of Tomcat's HTML page. Tomcat makes this valve from its class
 * name ({@link TomcatErrorReports}), hence public with a constructor of no arguments.
 */
public final class ProblemReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper().addMixIn(ProblemDetail.class,
            ProblemDetailJacksonMixin.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        HttpStatus status = HttpStatus.resolve(response.getStatus());
        if (status == null || !status.isError() || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            JSON.writeValue(response.getOutputStream(), ProblemResponses.ofStatus(status, response.getMessage()));
        } catch (IOException | IllegalStateException e) {
            // The client is gone, or the answer was committed already: nothing more can be said.
        }
    }
}
