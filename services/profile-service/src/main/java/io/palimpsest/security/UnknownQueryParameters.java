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

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

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

    /** The names the method reads as request parameters; "*" when it takes them all as a map. */
    private static Set<String> parametersOf(HandlerMethod method) {
        return Arrays.stream(method.getMethodParameters()).filter(p -> p.hasParameterAnnotation(RequestParam.class))
                .map(UnknownQueryParameters::nameOf).collect(Collectors.toCollection(TreeSet::new));
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
