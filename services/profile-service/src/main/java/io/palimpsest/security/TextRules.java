package io.palimpsest.security;

import io.palimpsest.common.Ids;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What any string a client sends must be: no control characters other than tab and line breaks, no
 * lone UTF-16 surrogates, and not longer than its limit (claim and sub-item text may be long, every other
 * field short). Bodies are walked whole, records, lists and maps alike, so a new request record is
 * covered without being named here; a refusal says where, as a JSON pointer.
 */
final class TextRules {

    private static final String LONG_FIELD = "text";
    /**
     * A record's components, looked up once per class: {@code getRecordComponents()} builds them anew in the JVM on
     * every call, which was a twentieth of a request thread's time outside the command when editors sent flat out.
     */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(Component::of).toList();
        }
    };

    private final int textChars;
    private final int fieldChars;

    TextRules(InputLimits limits) {
        this.textChars = limits.textChars();
        this.fieldChars = limits.fieldChars();
    }

    /** Checks every string in a request body; a whole-text body (an import) has only the byte limit. */
    void checkBody(Object body) {
        if (body instanceof String text) {
            checkCharacters(text, "the body");
        } else {
            walk(body, "");
        }
    }

    void checkParameter(String name, String value) {
        check(value, "query parameter '" + name + "'", fieldChars);
    }

    private void walk(Object value, String pointer) {
        if (value instanceof String text) {
            check(text, "'" + pointer + "'", pointer.endsWith("/" + LONG_FIELD) ? textChars : fieldChars);
        } else if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, pointer + "/" + index++);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> {
                walk(key, pointer);
                walk(item, pointer + "/" + key);
            });
        } else if (value instanceof Record record) {
            for (Component component : COMPONENTS.get(record.getClass())) {
                walk(component.read(record), pointer + "/" + component.name());
            }
        }
    }

    private void check(String text, String where, int maxChars) {
        if (text.length() > maxChars) {
            throw new Ids.BadRequest(where + " is " + text.length() + " characters long; at most " + maxChars
                    + " are allowed");
        }
        checkCharacters(text, where);
    }

    private static void checkCharacters(String text, String where) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isISOControl(ch) && ch != '\t' && ch != '\n' && ch != '\r') {
                throw new Ids.BadRequest(where + " contains the control character U+"
                        + String.format("%04X", (int) ch) + " at character " + i);
            }
            if (Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                throw new Ids.BadRequest(where + " contains a lone UTF-16 surrogate at character " + i);
            }
        }
    }

    private record Component(String name, Method accessor) {

        static Component of(RecordComponent component) {
            Method accessor = component.getAccessor();
            // Request records may be package-private, nested in their controller.
            accessor.trySetAccessible();
            return new Component(component.getName(), accessor);
        }

        Object read(Record record) {
            try {
                return accessor.invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + name + " of " + record.getClass().getName(), e);
            }
        }
    }
}
