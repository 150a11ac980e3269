package io.palimpsest.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * HTTP Basic for every API call. READER may read, EDITOR may also edit, ADMIN may also administer:
 * a role hierarchy, so each rule names the least role it needs.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/v3/api-docs/**", "/swagger-ui/**",
                                "/swagger-ui.html", "/error").permitAll()
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole("READER")
                        .requestMatchers("/api/**").hasRole("EDITOR")
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"palimpsest\"");
                    writeProblem(response, json, HttpStatus.UNAUTHORIZED, "Authentication required");
                }))
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) ->
                        writeProblem(response, json, HttpStatus.FORBIDDEN, "Your role does not allow this")))
                .build();
    }

    @Bean
    RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("ROLE_ADMIN > ROLE_EDITOR\nROLE_EDITOR > ROLE_READER");
    }

    @Bean
    UserDetailsService users(@Value("${palimpsest.users:${PALIMPSEST_USERS:}}") String spec,
                             @Value("${palimpsest.storage.data-dir}") Path dataDir) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(spec.isBlank()
                ? List.of(PalimpsestUsers.developmentUser(dataDir))
                : PalimpsestUsers.parse(spec));
        // Only the lookup: a UserDetailsPasswordService would make Spring "upgrade" every password to
        // bcrypt after the first login, and HTTP Basic would then pay a bcrypt check on every request.
        return users::loadUserByUsername;
    }

    private static void writeProblem(HttpServletResponse response, ObjectMapper json, HttpStatus status,
                                     String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemDetail.forStatusAndDetail(status, detail));
    }
}
