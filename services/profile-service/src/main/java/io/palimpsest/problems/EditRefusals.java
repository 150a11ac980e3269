package io.palimpsest.problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.Map;

/**
 * The problem documents of edits refused outside HTTP (STOMP edits): made by {@link ProblemResponses}, the one place
 * that turns refusals into problems, so a socket edit is refused in the same words as its REST call.
 */
@Component
public class EditRefusals {

    private final ProblemResponses responses;

    EditRefusals(ProblemResponses responses) {
        this.responses = responses;
    }

    /**
     * The problem, as JSON, of {@code refusal}; {@code instance} is the path of the edit's REST call. A failure that
     * is no refusal is a {@code 500} that says nothing of its cause, as over HTTP.
     */
    public Map<String, Object> of(RuntimeException refusal, String instance) {
        ProblemDetail problem = responses.ofRefusedEdit(refusal);
        if (problem == null) {
            problem = ProblemResponses.ofStatus(HttpStatus.INTERNAL_SERVER_ERROR, null);
        }
        problem.setInstance(URI.create(instance));
        return ProblemBodies.asMap(problem);
    }
}
