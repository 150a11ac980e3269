package io.palimpsest.problems;

import io.palimpsest.common.Ids;
import io.palimpsest.editing.ProfileReading;
import io.palimpsest.editing.ProfileRejection;
import io.palimpsest.history.NotInHistory;
import io.palimpsest.history.NotUndoable;
import io.palimpsest.history.Rebuilding;
import io.palimpsest.review.OwnChanges;
import io.palimpsest.review.UnknownChange;
import io.palimpsest.importing.UnreadableProfileException;
import io.palimpsest.security.BodyTooLarge;
import io.palimpsest.security.CrossSiteWrite;
import io.palimpsest.security.Roles;
import io.palimpsest.security.TooManyRequests;
import io.palimpsest.streams.UnknownWatch;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place that turns a refusal into an RFC 7807 problem answer. Spring's own client errors
 * (unreadable JSON, wrong method, unsupported media type, ...) come from the base class as problems too.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final String TYPE_BASE = "https://palimpsest.dev/problems/";
    private static final URI ABOUT_BLANK = URI.create("about:blank");
    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(long.class, Long.class, int.class, Integer.class,
            short.class, Short.class);

    @ExceptionHandler(ProfileRejection.class)
    ProblemDetail rejected(ProfileRejection rejection) {
        HttpStatus status = switch (rejection.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.UNPROCESSABLE_ENTITY;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
        ProblemDetail problem = problem(status, rejection.kind().name().toLowerCase().replace('_', '-'),
                rejection.getMessage());
        rejection.details().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(Ids.BadRequest.class)
    ProblemDetail badRequest(Ids.BadRequest e) {
        return problem(HttpStatus.BAD_REQUEST, "bad-request", e.getMessage());
    }

    @ExceptionHandler(UnreadableProfileException.class)
    ProblemDetail unreadableProfile(UnreadableProfileException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "unreadable-profile", e.getMessage());
        e.line().ifPresent(line -> problem.setProperty("line", line));
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "bad-request",
                "Parameter '" + e.getName() + "' has the wrong type: '" + e.getValue() + "'");
    }

    @ExceptionHandler({AggregateNotFoundException.class, ProfileReading.UnknownProfile.class})
    ProblemDetail unknownProfile(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", e instanceof AggregateNotFoundException
                ? "No profile '" + ((AggregateNotFoundException) e).getAggregateIdentifier() + "'" : e.getMessage());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentEdit(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "concurrent-edit",
                "Another edit of this profile was saved at the same moment; retry with the current revision");
    }

    @ExceptionHandler(ProfileReading.NotYetProjected.class)
    ResponseEntity<ProblemDetail> notYetProjected(ProfileReading.NotYetProjected e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "not-yet-projected", e.getMessage()));
    }

    @ExceptionHandler({NotInHistory.class, UnknownWatch.class, UnknownChange.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler(OwnChanges.class)
    ProblemDetail ownChanges(OwnChanges e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
    }

    @ExceptionHandler(NotUndoable.class)
    ProblemDetail notUndoable(NotUndoable e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "not-undoable", e.getMessage());
    }

    @ExceptionHandler(Rebuilding.class)
    ResponseEntity<ProblemDetail> rebuilding(Rebuilding e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "rebuilding", e.getMessage()));
    }

    /** A replay needs every segment of the read models' processors, and another node holds one. */
    @ExceptionHandler(UnableToClaimTokenException.class)
    ProblemDetail segmentHeldElsewhere(UnableToClaimTokenException e) {
        return problem(HttpStatus.CONFLICT, "read-model-busy", "Another node is processing a read model, so it cannot "
                + "be rebuilt from here now; nothing was changed. " + e.getMessage());
    }

    @ExceptionHandler(TooManyRequests.class)
    ResponseEntity<ProblemDetail> tooManyRequests(TooManyRequests e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, e.type(), e.getMessage()));
    }

    /**
     * Handed over by Spring Security's entry point. Credentials that were sent and refused are told apart from none
     * sent; which of name or password was wrong is not said.
     */
    @ExceptionHandler(AuthenticationException.class)
    ProblemDetail notSignedIn(AuthenticationException e) {
        String detail = e instanceof BadCredentialsException ? "The user name or password was refused"
                : e instanceof OAuth2AuthenticationException ? "The bearer token was refused"
                : "Authentication required: sign in";
        return problem(HttpStatus.UNAUTHORIZED, "unauthorized", detail);
    }

    /** Handed over by Spring Security's access-denied handler: names the role the request needs. */
    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail roleTooLow(AccessDeniedException e, HttpServletRequest request) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "This needs the role " + Roles.neededFor(request)
                + "; you are signed in as " + Roles.ofCurrentUser());
    }

    @ExceptionHandler(CrossSiteWrite.class)
    ProblemDetail crossSiteWrite(CrossSiteWrite e) {
        return problem(HttpStatus.FORBIDDEN, "cross-site-write", e.getMessage());
    }

    @ExceptionHandler(BodyTooLarge.class)
    ProblemDetail bodyTooLarge(BodyTooLarge e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", e.getMessage());
    }

    /** A body of a type the endpoint does not read: says which to send, as the Content-Type header. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String sent = e.getContentType() == null ? "no Content-Type" : "Content-Type " + e.getContentType();
        String wanted = e.getSupportedMediaTypes().stream().map(MediaType::toString).distinct()
                .collect(Collectors.joining(" or "));
        ProblemDetail problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "This endpoint does not read a body sent with " + sent + "; send it with Content-Type: " + wanted);
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    /** A path no endpoint answers (Spring's word for it is "no static resource"). */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "not-found", "No endpoint " + e.getHttpMethod() + " /"
                + e.getResourcePath() + "; the API is described at /v3/api-docs");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    /** Spring's own client errors (wrong method, media type, ...) get a type of ours, named after their status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> answer = super.handleExceptionInternal(e, body, headers, status, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail problem
                && ABOUT_BLANK.equals(problem.getType()) && HttpStatus.resolve(status.value()) != null) {
            problem.setType(URI.create(TYPE_BASE + type(HttpStatus.valueOf(status.value()))));
        }
        return answer;
    }

    /** Says what is wrong with an unreadable body and where: a line and column, or the field's JSON pointer. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "bad-request", unreadableBody(e));
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String unreadableBody(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof JsonParseException parse) {
            return "Malformed JSON at line " + parse.getLocation().getLineNr() + ", column "
                    + parse.getLocation().getColumnNr() + ": " + parse.getOriginalMessage();
        }
        if (cause instanceof InputCoercionException range && range.getProcessor() != null) {
            return "'" + range.getProcessor().getParsingContext().pathAsPointer() + "' is out of range: "
                    + range.getOriginalMessage();
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String pointer = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()))
                    .collect(Collectors.joining("/", "/", ""));
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return unknownField(pointer, unknown);
            }
            if (cause instanceof InvalidFormatException format) {
                return "'" + pointer + "' cannot be " + format.getValue() + ": expected " + expected(format.getTargetType());
            }
            if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                return "'" + pointer + "' has the wrong type: expected " + expected(mismatch.getTargetType());
            }
            return "'" + pointer + "' is not acceptable: " + mapping.getOriginalMessage();
        }
        return cause == e || cause.getMessage() == null ? "The request body is missing or unreadable"
                : "The request body is unreadable: " + cause.getMessage();
    }

    /** Fields that name a person: the request cannot choose one, whoever signed in wrote it. */
    private static final Set<String> AUTHORSHIP = Set.of("editor", "author", "user", "changedBy", "createdBy");

    private static String unknownField(String pointer, UnrecognizedPropertyException unknown) {
        String known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                .collect(Collectors.joining(", "));
        String said = "'" + pointer + "' is not a field of this request";
        if (AUTHORSHIP.contains(unknown.getPropertyName())) {
            return said + ": an edit's author is always the signed-in user";
        }
        return known.isEmpty() ? said : said + " (its fields: " + known + ")";
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (WHOLE_NUMBERS.contains(type)) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return type == String.class ? "a string" : type.isRecord() ? "an object" : type.getSimpleName();
    }

    /**
     * The problem of an edit refused where no HTTP request is (a STOMP edit): the one its REST call would answer, by
     * the same handlers; {@code Retry-After} becomes the property {@code retryAfter}, there being no header for it.
     * Null for a failure that is no refusal of the edit.
     */
    ProblemDetail ofRefusedEdit(RuntimeException e) {
        if (e instanceof ProfileRejection rejection) {
            return rejected(rejection);
        } else if (e instanceof Ids.BadRequest bad) {
            return badRequest(bad);
        } else if (e instanceof HttpMessageNotReadableException unreadable) {
            return problem(HttpStatus.BAD_REQUEST, "bad-request", unreadableBody(unreadable));
        } else if (e instanceof TooManyRequests tooMany) {
            ProblemDetail problem = tooManyRequests(tooMany).getBody();
            problem.setProperty("retryAfter", tooMany.retryAfterSeconds());
            return problem;
        } else if (e instanceof AccessDeniedException) {
            return problem(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
        } else if (e instanceof AggregateNotFoundException) {
            return unknownProfile(e);
        } else if (e instanceof ConcurrencyException concurrent) {
            return concurrentEdit(concurrent);
        }
        return null;
    }

    /**
     * A problem for a bare status, as the servlet container reports one: a client error says what its refusal said, a
     * server error nothing of its cause.
     */
    static ProblemDetail ofStatus(HttpStatus status, String message) {
        boolean said = status.is4xxClientError() && message != null && !message.isBlank();
        return problem(status, type(status), said ? message : status.getReasonPhrase());
    }

    private static String type(HttpStatus status) {
        return status.name().toLowerCase().replace('_', '-');
    }

    static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        return problem;
    }
}
