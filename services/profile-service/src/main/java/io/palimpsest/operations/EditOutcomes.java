package io.palimpsest.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Counts every edit of a profile by how it was answered: accepted, or refused and why. It looks at the answer's body
 * on its way out, because every refusal, from the rate limit in front of the controllers to the aggregate's 409, is
 * written as a problem through the one mapping of refusals ({@code problems/}), and a 409 of a claim whose text could
 * not be merged says so by carrying the current text.
 */
@RestControllerAdvice
class EditOutcomes implements ResponseBodyAdvice<Object> {

    static final String ACCEPTED = "palimpsest.edits.accepted";
    static final String REFUSED = "palimpsest.edits.refused";
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Counter accepted;
    private final Map<Reason, Counter> refused = new EnumMap<>(Reason.class);

    EditOutcomes(MeterRegistry registry) {
        this.accepted = Counter.builder(ACCEPTED).description("Edits applied (or repeated by command id)")
                .register(registry);
        for (Reason reason : Reason.values()) {
            refused.put(reason, Counter.builder(REFUSED).description("Edits refused, by reason")
                    .tag("reason", reason.tag).register(registry));
        }
    }

    /** Why an edit was refused; a bounded set, so that the metric has a bounded number of series. */
    enum Reason {
        CONFLICT("conflict"), MERGE_CONFLICT("merge-conflict"), VALIDATION("validation"), NOT_FOUND("not-found"),
        RATE_LIMIT("rate-limit"), DENIED("denied"), ERROR("error");

        final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        static Reason of(ProblemDetail problem) {
            return switch (problem.getStatus()) {
                case 409 -> problem.getProperties() != null && problem.getProperties().containsKey("currentText")
                        ? MERGE_CONFLICT : CONFLICT;
                case 404 -> NOT_FOUND;
                case 429 -> RATE_LIMIT;
                case 401, 403 -> DENIED;
                default -> problem.getStatus() >= 500 ? ERROR : VALIDATION;
            };
        }
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (!READS.contains(request.getMethod()) && request.getURI().getPath().startsWith("/api/profiles")) {
            if (body instanceof ProblemDetail problem) {
                refused.get(Reason.of(problem)).increment();
            } else {
                accepted.increment();
            }
        }
        return body;
    }
}
