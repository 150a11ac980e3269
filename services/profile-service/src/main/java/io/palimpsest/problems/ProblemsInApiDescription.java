package io.palimpsest.problems;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells the OpenAPI description how the API refuses: always with an RFC 7807 problem. Which refusals an operation
 * can meet follows from its kind, as README's list of answers says: any call can be malformed or not allowed, a call
 * on a profile or one of its elements can find none, a write can conflict, be invalid, too large or too many, and a
 * read can find its read model behind or being rebuilt.
 */
@Component
class ProblemsInApiDescription implements OpenApiCustomizer {

    private static final String PROBLEM = "Problem";

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                refusals(path, method).forEach((status, meaning) ->
                        operation.getResponses().putIfAbsent(status, problem(meaning)))));
    }

    private static Map<String, String> refusals(String path, PathItem.HttpMethod method) {
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("400", "Malformed request; the detail says what is wrong and where");
        refusals.put("401", "Not signed in");
        refusals.put("403", "The role does not allow this (or a write was posted by another site's page)");
        if (path.contains("{")) {
            refusals.put("404", "No such profile, element or revision");
        }
        if (method == PathItem.HttpMethod.GET) {
            refusals.put("503", "The read model has not caught up with the edits acknowledged before the read within"
                    + " 3 s, or is being rebuilt; see Retry-After");
        } else {
            refusals.put("409", "Conflict: a concurrent change to what the edit touches (the problem carries the"
                    + " current text, its revision and author), an id taken, a source still cited, a retracted claim");
            refusals.put("413", "Body too large");
            refusals.put("422", "An edit that can never apply as it stands");
            refusals.put("429", "Too many edits; see Retry-After");
        }
        return refusals;
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 7807 problem details; a conflict carries more fields, such as the current text")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"));
    }

    private static ApiResponse problem(String meaning) {
        return new ApiResponse().description(meaning).content(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }
}
