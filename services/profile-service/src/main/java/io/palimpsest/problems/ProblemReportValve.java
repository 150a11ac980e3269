package io.palimpsest.problems;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

import java.io.IOException;

/**
 * Tomcat's own refusals, made before any filter or servlet runs (a URL with an encoded {@code /}, a backslash, a NUL
 * or broken percent-encoding), as problems instead of Tomcat's HTML page. Tomcat makes this valve from its class
 * name ({@link TomcatErrorReports}), hence public with a constructor of no arguments.
 */
public final class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        HttpStatus status = HttpStatus.resolve(response.getStatus());
        if (status == null || !status.isError() || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            ProblemBodies.write(response, ProblemResponses.ofStatus(status, response.getMessage()));
        } catch (IOException | IllegalStateException e) {
            // The client is gone, or the answer was committed already: nothing more can be said.
        }
    }
}
