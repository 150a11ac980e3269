package io.palimpsest.editing;

import io.palimpsest.model.api.EditResult;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * An edit kept as a suggestion (the profile is in suggestion mode) is answered {@code 202 Accepted}, not 200: it was
 * taken, but it changed nothing yet, so a client that knows nothing of suggestions does not take it as applied.
 */
@RestControllerAdvice
class SuggestedEdits implements ResponseBodyAdvice<EditResult> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return EditResult.class.isAssignableFrom(returnType.getParameterType());
    }

    @Override
    public EditResult beforeBodyWrite(EditResult result, MethodParameter returnType, MediaType contentType,
                                      Class<? extends HttpMessageConverter<?>> converterType,
                                      ServerHttpRequest request, ServerHttpResponse response) {
        if (result != null && result.suggestionId() != null) {
            response.setStatusCode(HttpStatus.ACCEPTED);
        }
        return result;
    }
}
