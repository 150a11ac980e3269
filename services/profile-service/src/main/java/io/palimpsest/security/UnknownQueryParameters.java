package io.palimpsest.security;

import io.palimpsest.common.Ids;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A query parameter the endpoint does not take is refused with 400 naming it and the ones it takes. Ignored, it
 * reads as obeyed: {@code export?at=3} would answer the current profile, {@code blame?claim=c3} every claim.
 */
@Configuration(proxyBeanMethods = false)
class UnknownQueryParameters implements WebMvcConfigurer, HandlerInterceptor {

    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    private final Map<HandlerMethod, Set<String>> taken = new ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.getBeanType().getPackageName().startsWith("io.palimpsest")) {
            Set<String> parameters = taken.computeIfAbsent(method, UnknownQueryParameters::parametersOf);
            if (parameters.contains("*")) {
                return true;
            }
            for (String name : request.getParameterMap().keySet()) {
                if (!parameters.contains(name)) {
                    throw new Ids.BadRequest("'" + name + "' is not a parameter of " + request.getMethod() + " "
                            + request.getRequestURI() + (parameters.isEmpty() ? ", which takes none"
                            : "; it takes " + String.join(", ", parameters)));
                }
            }
        }
        return true;
    }

    /**
     * The names the method reads as request parameters: its {@code @RequestParam}s ("*" when one takes them all as a
     * map) and the components of a record it binds them to (a parameter with no annotation).
     */
    private static Set<String> parametersOf(HandlerMethod method) {
        Set<String> names = new TreeSet<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestParam.class)) {
                names.add(nameOf(parameter));
            } else if (parameter.getParameterType().isRecord() && parameter.getParameterAnnotations().length == 0) {
                Arrays.stream(parameter.getParameterType().getRecordComponents()).map(RecordComponent::getName)
                        .forEach(names::add);
            }
        }
        return names;
    }

    private static String nameOf(MethodParameter parameter) {
        if (Map.class.isAssignableFrom(parameter.getParameterType())) {
            return "*";
        }
        parameter.initParameterNameDiscovery(NAMES);
        RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
        String name = annotation.name().isEmpty() ? annotation.value() : annotation.name();
        return name.isEmpty() ? parameter.getParameterName() : name;
    }
}
