package io.palimpsest.model.api;

import java.util.Map;

/**
 * One edit of a profile described as its REST call, for where there is no HTTP request to carry it (a STOMP edit, a
 * part of a batch): the method, the path below {@code /api/profiles/{id}} ({@code "claims/c3"}) and the JSON body
 * the REST call takes, unchanged (absent for an edit whose body is optional).
 */
public record EditCall(String method, String path, Map<String, Object> body) {
}
