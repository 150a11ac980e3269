package io.palimpsest.security;

import io.palimpsest.storage.spring.StorageProperties;
import io.palimpsest.web.WebPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authorization.SingleResultAuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.util.List;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole;

/**
 * Who may call what. Sign-in is HTTP Basic against the configured users (or, in the web editor, their sign-in form
 * and a session: {@link PageSessions}), or, with {@code palimpsest.security.login=jwt}, a JWT bearer token. READER may
 * read, EDITOR may also edit, REVIEWER may also approve and reject others' changes, ADMIN may also administer: a role
 * hierarchy, so each rule names the least role it needs. Behind
 * authorization, writes are rate-limited per editor and bodies checked against the input limits.
 * The access matrix is docs/security.md.
 */
@Configuration
@EnableConfigurationProperties({AccessProperties.class, InputLimits.class})
class SecurityConfiguration {

    /** The API returns data, never pages: nothing may run, frame or be embedded (Swagger UI needs its own files). */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain api(HttpSecurity http, AccessProperties access, InputLimits limits, EditRates editRates,
                            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems,
                            @Value("${palimpsest.operations.public-metrics:false}") boolean publicMetrics,
                            @Value("${palimpsest.streams.public-reading:false}") boolean publicChanges)
            throws Exception {
        http
                // Sessions only for the web editor's form sign-in (PageSessions); Basic and JWT never open one. No
                // session policy is set: setting any (IF_REQUIRED included) adds Spring's SessionManagementFilter,
                // which saves every Basic sign-in in a new session.
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                // An operator may open the change stream to anyone (docs/streams.md); it is off by default.
                .authorizeHttpRequests(auth -> (publicChanges
                        ? auth.requestMatchers(HttpMethod.GET, "/api/changes", "/api/changes/feed").permitAll() : auth)
                        .requestMatchers("/actuator/health/**", "/v3/api-docs/**", "/swagger-ui/**",
                                "/swagger-ui.html", "/error").permitAll()
                        // Metrics name no data, but say how busy the service is: ADMIN, unless scraped on a network
                        // the public cannot reach (docs/operations.md).
                        .requestMatchers("/actuator/prometheus").access(publicMetrics
                                ? SingleResultAuthorizationManager.permitAll() : hasRole("ADMIN"))
                        // The web editor's pages, scripts and libraries hold no data (it comes from /api).
                        .requestMatchers(HttpMethod.GET, WebPages.PATHS).permitAll()
                        // Webhooks send the changes anywhere the allow list permits and hold their secrets.
                        .requestMatchers("/api/admin/**", "/api/webhooks", "/api/webhooks/**").hasRole("ADMIN")
                        // A READER keeps a watchlist too: these writes change only the caller's own.
                        .requestMatchers("/api/me/**").hasRole("READER")
                        .requestMatchers(HttpMethod.POST, Roles.REVIEW_PATHS).hasRole("REVIEWER")
                        .requestMatchers(HttpMethod.PUT, Roles.REVIEW_PATHS).hasRole("REVIEWER")
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole("READER")
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasRole("READER")
                        .requestMatchers("/api/**").hasRole("EDITOR")
                        .anyRequest().authenticated())
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) ->
                        problems.resolveException(request, response, null, e)));
        http.addFilterBefore(new CrossSiteWrites(problems), UsernamePasswordAuthenticationFilter.class);
        if (access.login() == AccessProperties.Login.JWT) {
            // No form: the sign-in page says to use a token (docs/web.md); writes take no CSRF token.
            http.csrf(csrf -> csrf.disable());
            BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtRoles(access.rolesClaim(), access.nameClaim())))
                    .authenticationEntryPoint(unauthorized(problems, bearer)));
        } else {
            AuthenticationEntryPoint basic = unauthorized(problems, SecurityConfiguration::basicChallenge);
            http.httpBasic(httpBasic -> httpBasic.authenticationEntryPoint(basic));
            // Also for the form's sake: an unauthenticated call is this 401, never a redirect to the sign-in page.
            http.exceptionHandling(ex -> ex.authenticationEntryPoint(basic));
            SignInThrottle throttle = new SignInThrottle(limits, problems, System::nanoTime);
            http.addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class);
            PageSessions.configure(http, throttle);
        }
        // These run only for requests that passed authorization, in this order.
        http.addFilterAfter(new EditRateLimit(editRates, problems), AuthorizationFilter.class);
        http.addFilterAfter(new WritesAnswerJson(problems), AuthorizationFilter.class);
        http.addFilterAfter(new RequestBodyLimits(limits, problems), AuthorizationFilter.class);
        return http.build();
    }

    /** A URL the firewall refuses (such as one with {@code //}) is a bad request that says why, as a problem. */
    @Bean
    RequestRejectedHandler refusedUrls() {
        return (request, response, e) -> response.sendError(HttpStatus.BAD_REQUEST.value(), e.getMessage());
    }

    /**
     * No Spring Security observations. Disabled by property alone, they were still made and then dropped by a
     * predicate for every filter of every request: the chain stayed wrapped filter by filter, a twentieth of a request
     * thread's time with editors sending flat out. With this bean the chain is not wrapped at all. Request metrics
     * ({@code http.server.requests}) are the servlet filter's own and stay.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy(
                "ROLE_ADMIN > ROLE_REVIEWER\nROLE_REVIEWER > ROLE_EDITOR\nROLE_EDITOR > ROLE_READER");
    }

    @Bean
    PasswordEncoder passwords(AccessProperties access) {
        return new VerifiedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                access.verifiedPasswordTtl());
    }

    @Bean
    @ConditionalOnProperty(name = "palimpsest.security.login", havingValue = "basic", matchIfMissing = true)
    UserDetailsService users(@Value("${palimpsest.users:${PALIMPSEST_USERS:}}") String spec, AccessProperties access,
                             StorageProperties storage, PasswordEncoder passwords, DevelopmentUserBanner banner) {
        if (spec.isBlank() && !storage.embedded()) {
            throw new IllegalStateException("PALIMPSEST_USERS is not set; a development user exists only on the"
                    + " embedded store");
        }
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(spec.isBlank()
                ? List.of(PalimpsestUsers.developmentUser(storage.dataDir(), passwords, banner.held()))
                : PalimpsestUsers.parse(spec, access.allowPlainTextPasswords(), passwords));
        // Only the lookup: a UserDetailsPasswordService would make Spring re-hash passwords after logins.
        return users::loadUserByUsername;
    }

    /**
     * Basic's challenge, except to a script that says so ({@code X-Requested-With: XMLHttpRequest}, as Spring's own
     * Basic entry point does): on it browsers open their sign-in dialog over the web editor when its session ends.
     */
    private static void basicChallenge(HttpServletRequest request, HttpServletResponse response,
                                       AuthenticationException e) {
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"palimpsest\"");
        }
    }

    /** The scheme's challenge header, then the problem. */
    private static AuthenticationEntryPoint unauthorized(HandlerExceptionResolver problems,
                                                         AuthenticationEntryPoint challenge) {
        return (request, response, e) -> {
            challenge.commence(request, response, e);
            problems.resolveException(request, response, null, e);
        };
    }
}
