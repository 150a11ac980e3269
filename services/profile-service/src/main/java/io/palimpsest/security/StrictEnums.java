package io.palimpsest.security;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Enum values are read exactly as written. Jackson trims an enum name before giving up on it, and its trim
 * removes every character up to U+0020, so {@code "\u0010BULLET"} would quietly become {@code BULLET}: a
 * control character slipping past the text rules. Here such a value is a bad request like any other.
 */
@Component
class StrictEnums extends SimpleModule {

    StrictEnums() {
        super("strict-enums");
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription description,
                                                              JsonDeserializer<?> deserializer) {
                return new Exact(deserializer, type.getRawClass());
            }
        });
    }

    private static final class Exact extends DelegatingDeserializer {

        private final Class<?> enumType;

        Exact(JsonDeserializer<?> delegate, Class<?> enumType) {
            super(delegate);
            this.enumType = enumType;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Exact(newDelegatee, enumType);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                String value = parser.getText();
                if (!value.equals(value.strip()) || value.chars().anyMatch(Character::isISOControl)) {
                    throw InvalidFormatException.from(parser, "'" + value.strip() + "' with surrounding white space"
                            + " or control characters is not a value of " + enumType.getSimpleName(), value, enumType);
                }
            }
            return super.deserialize(parser, context);
        }
    }
}
