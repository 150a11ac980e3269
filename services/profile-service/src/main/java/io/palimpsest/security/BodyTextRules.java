package io.palimpsest.security;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.lang.reflect.Type;

/** Applies {@link TextRules} to every request body once it is read, before any controller sees it. */
@ControllerAdvice
class BodyTextRules extends RequestBodyAdviceAdapter {

    private final TextRules rules;

    BodyTextRules(InputLimits limits) {
        this.rules = new TextRules(limits);
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        rules.checkBody(body);
        return body;
    }
}
