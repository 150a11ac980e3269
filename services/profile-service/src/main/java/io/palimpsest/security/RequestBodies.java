package io.palimpsest.security;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request that does not come as an HTTP body (a STOMP edit, a change of a batch) as the REST API reads a
 * body: strictly ({@link StrictRequestBodies}) and under the {@link TextRules}. What cannot be read is an
 * {@link HttpMessageNotReadableException}, answered as REST answers an unreadable body (the field's JSON pointer).
 */
@Component
public class RequestBodies {

    private final ObjectMapper strict;
    private final TextRules rules;

    RequestBodies(ObjectMapper json, InputLimits limits) {
        this.strict = StrictRequestBodies.strict(json);
        this.rules = new TextRules(limits);
    }

    /** Reads a whole message body and checks every string in it. */
    public <T> T read(byte[] json, Class<T> type) {
        T body;
        try {
            body = strict.readValue(json, type);
        } catch (IOException e) {
            throw unreadable(e, json);
        }
        if (body == null) {
            throw new HttpMessageNotReadableException("The body is empty", input(json));
        }
        rules.checkBody(body);
        return body;
    }

    /**
     * Reads a body already parsed as JSON (and checked under the text rules with what held it) as {@code type}. A
     * refusal's pointer starts at {@code at}: field names and list indexes from the top of the message.
     */
    public <T> T convert(Object json, Class<T> type, Object... at) {
        try {
            return strict.convertValue(json, type);
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof JsonMappingException mapping) {
                for (int i = at.length - 1; i >= 0; i--) {
                    mapping = at[i] instanceof Integer index ? JsonMappingException.wrapWithPath(mapping, null, index)
                            : JsonMappingException.wrapWithPath(mapping, null, String.valueOf(at[i]));
                }
                cause = mapping;
            }
            throw unreadable(cause, new byte[0]);
        }
    }

    private static HttpMessageNotReadableException unreadable(Throwable cause, byte[] json) {
        return new HttpMessageNotReadableException("JSON parse error: " + cause.getMessage(), cause, input(json));
    }

    /** The exception names the message it could not read; here that is the message's bytes. */
    private static HttpInputMessage input(byte[] json) {
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(json);
            }

            @Override
            public HttpHeaders getHeaders() {
                return HttpHeaders.EMPTY;
            }
        };
    }
}
