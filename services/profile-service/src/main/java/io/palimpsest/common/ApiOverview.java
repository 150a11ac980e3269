package io.palimpsest.common;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the OpenAPI description says besides the endpoints Spring finds: the API's name, how to sign in (so that
 * Swagger UI offers "Authorize"), a summary for every operation, and the STOMP endpoint at {@code /ws}, which
 * OpenAPI cannot describe as more than an upgrade.
 */
@Component
class ApiOverview implements OpenApiCustomizer {

    private static final String SIGN_IN = "signIn";

    private final boolean jwt;

    ApiOverview(@Value("${palimpsest.security.login:basic}") String login) {
        this.jwt = "jwt".equalsIgnoreCase(login);
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(new Info().title("Palimpsest").version("1")
                .description("Event-sourced collaborative editing of organisation profiles: every edit is a command, "
                        + "kept forever as events. Errors are RFC 7807 problems. See README.md and docs/."));
        api.getComponents().addSecuritySchemes(SIGN_IN, jwt
                ? new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                : new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"));
        api.addSecurityItem(new SecurityRequirement().addList(SIGN_IN));
        api.getPaths().values().forEach(item -> item.readOperations().stream()
                .filter(operation -> operation.getSummary() == null && operation.getOperationId() != null)
                .forEach(operation -> operation.setSummary(sentence(operation.getOperationId()))));
        api.getPaths().addPathItem("/ws", new PathItem().get(new Operation().operationId("liveUpdates")
                .summary("Live changes and presence over STOMP (WebSocket upgrade)")
                .description("Connect a STOMP 1.2 client over WebSocket, signed in as for the REST API. "
                        + "SUBSCRIBE /topic/profiles/{id} (header since-revision: N resumes after revision N) for "
                        + "every change in revision order; SUBSCRIBE /topic/profiles/{id}/presence for who is editing "
                        + "what; SEND /app/profiles/{id}/presence to announce it. Refusals arrive as ERROR frames "
                        + "carrying a problem. Details: docs/live.md.")
                .addTagsItem("live")
                .responses(new ApiResponses().addApiResponse("101", new ApiResponse()
                        .description("Switching to the WebSocket protocol")))));
    }

    /** "reviseClaim" → "Revise claim": the handler's name is already the operation in the domain's words. */
    static String sentence(String operationId) {
        String words = operationId.replaceAll("_\\d+$", "").replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
