package io.palimpsest.security;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Request bodies are read as written: a field of the wrong type ({@code "text": 5}, {@code "baseRevision": "3"}) and a
 * field no request has ({@code "editor"}) are refused, not coerced or dropped. A client that sends either has a bug
 * or a wrong idea of the API (an editor field does not choose the author), and silently guessing hides it.
 * <p>
 * Only the HTTP converters read strictly: the same ObjectMapper bean also reads stored events, snapshots and read
 * models, which must keep reading fields that later versions no longer have.
 */
@Configuration(proxyBeanMethods = false)
class StrictRequestBodies implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter json) {
                json.setObjectMapper(strict(json.getObjectMapper()));
            }
        }
    }

    static ObjectMapper strict(ObjectMapper lenient) {
        ObjectMapper strict = lenient.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        refuse(strict, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        refuse(strict, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Boolean);
        refuse(strict, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
        refuse(strict, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.Integer);
        return strict;
    }

    private static void refuse(ObjectMapper mapper, LogicalType target, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
        }
    }
}
