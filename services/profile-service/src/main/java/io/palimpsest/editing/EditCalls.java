package io.palimpsest.editing;

import io.palimpsest.common.Ids;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.Identity;
import io.palimpsest.model.ProfileCommand;
import io.palimpsest.model.ProfileCommand.*;
import io.palimpsest.model.api.Changes;
import io.palimpsest.model.api.ClaimChange;
import io.palimpsest.model.api.EditCall;
import io.palimpsest.model.api.FactChange;
import io.palimpsest.model.api.IdentityChange;
import io.palimpsest.model.api.NewClaim;
import io.palimpsest.model.api.NewConnection;
import io.palimpsest.model.api.NewSection;
import io.palimpsest.model.api.Placement;
import io.palimpsest.model.api.SectionChange;
import io.palimpsest.model.api.SourceContent;
import io.palimpsest.security.RequestBodies;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one mapping from an edit of an existing profile — its method, its path below {@code /api/profiles/{profileId}}
 * and its body — to the command it sends. The REST endpoints ({@link ProfileEditingController}, whose paths are these
 * constants) call the static mappings; an edit that comes as an {@link EditCall} (over STOMP, or as a change of a
 * batch) is routed to the same ones by {@link #command}.
 */
@Component
public class EditCalls {

    static final String IDENTITY = "/identity";
    static final String FACT = "/facts/{key}";
    static final String SECTIONS = "/sections";
    static final String SECTION = "/sections/{sectionId}";
    static final String SECTION_MOVE = "/sections/{sectionId}/move";
    static final String SECTION_CLAIMS = "/sections/{sectionId}/claims";
    static final String CLAIM = "/claims/{claimId}";
    static final String CLAIM_MOVE = "/claims/{claimId}/move";
    static final String CLAIM_RESTORE = "/claims/{claimId}/restore";
    static final String CITATION = "/claims/{claimId}/citations/{sourceId}";
    static final String SOURCES = "/sources";
    static final String SOURCE = "/sources/{sourceId}";
    static final String CONNECTIONS = "/connections";
    static final String CONNECTION = "/connections/{connectionId}";
    static final String CHANGES = "/changes";

    private final RequestBodies bodies;
    private final List<Route<?>> routes;

    EditCalls(RequestBodies bodies) {
        this.bodies = bodies;
        this.routes = List.of(
                route("PUT", IDENTITY, IdentityChange.class, (p, v, b) -> reviseIdentity(p, b)),
                route("PUT", FACT, FactChange.class, (p, v, b) -> setFact(p, v.get("key"), b)),
                route("DELETE", FACT, EditNote.class, (p, v, b) -> removeFact(p, v.get("key"), b)),
                route("POST", SECTIONS, NewSection.class, (p, v, b) -> addSection(p, b)),
                route("PUT", SECTION, SectionChange.class, (p, v, b) -> renameSection(p, v.get("sectionId"), b)),
                route("POST", SECTION_MOVE, Placement.class, (p, v, b) -> moveSection(p, v.get("sectionId"), b)),
                route("DELETE", SECTION, EditNote.class, (p, v, b) -> removeSection(p, v.get("sectionId"), b)),
                route("POST", SECTION_CLAIMS, NewClaim.class, (p, v, b) -> addClaim(p, v.get("sectionId"), b)),
                route("PUT", CLAIM, ClaimChange.class, (p, v, b) -> reviseClaim(p, v.get("claimId"), b)),
                route("POST", CLAIM_MOVE, Placement.class, (p, v, b) -> moveClaim(p, v.get("claimId"), b)),
                route("DELETE", CLAIM, EditNote.class, (p, v, b) -> retractClaim(p, v.get("claimId"), b)),
                route("POST", CLAIM_RESTORE, EditNote.class, (p, v, b) -> restoreClaim(p, v.get("claimId"), b)),
                route("PUT", CITATION, EditNote.class,
                        (p, v, b) -> citeSource(p, v.get("claimId"), v.get("sourceId"), b)),
                route("DELETE", CITATION, EditNote.class,
                        (p, v, b) -> unciteSource(p, v.get("claimId"), v.get("sourceId"), b)),
                route("POST", SOURCES, SourceContent.class, (p, v, b) -> addSource(p, b)),
                route("PUT", SOURCE, SourceContent.class, (p, v, b) -> editSource(p, v.get("sourceId"), b)),
                route("DELETE", SOURCE, EditNote.class, (p, v, b) -> removeSource(p, v.get("sourceId"), b)),
                route("POST", CONNECTIONS, NewConnection.class, (p, v, b) -> addConnection(p, b)),
                route("DELETE", CONNECTION, EditNote.class,
                        (p, v, b) -> removeConnection(p, v.get("connectionId"), b)),
                route("POST", CHANGES, Changes.class, (p, v, b) -> changes(p, b)));
    }

    /** The command of an edit sent as its REST call; an unknown call or unreadable body is a bad request. */
    public ProfileCommand command(String profileId, EditCall call) {
        return command(profileId, call, "body");
    }

    /**
     * The full path of the call's REST twin, as a refusal's {@code instance} names it: encoded as a URL's path, or
     * the profile's own path when the call's path is not one.
     */
    public static String restPath(String profileId, EditCall call) {
        String path = call == null || call.path() == null ? "" : call.path().replaceFirst("^/", "");
        try {
            path = UriUtils.encodePath(UriUtils.decode(path, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notAPath) {
            path = "";
        }
        return "/api/profiles/" + profileId + (path.isEmpty() ? "" : "/" + path);
    }

    private ProfileCommand command(String profileId, EditCall call, Object... bodyAt) {
        if (call == null || call.method() == null || call.path() == null) {
            throw new Ids.BadRequest("An edit names its 'method' and 'path' (below /api/profiles/{id}), as its REST"
                    + " call does");
        }
        PathContainer path = PathContainer.parsePath("/" + call.path().replaceFirst("^/", ""));
        for (Route<?> route : routes) {
            if (route.method().equals(call.method())) {
                PathPattern.PathMatchInfo match = route.path().matchAndExtract(path);
                if (match != null) {
                    return route.command(this, Ids.profile(profileId), match.getUriVariables(), call.body(), bodyAt);
                }
            }
        }
        throw new Ids.BadRequest("No edit " + call.method() + " '" + call.path() + "'; the edits are "
                + routes.stream().map(Route::toString).collect(Collectors.joining(", ")));
    }

    /**
     * A batch's changes as one command. A change takes the batch's base revision unless it names its own; the
     * summary and command id are the batch's alone, and batches do not nest.
     */
    ApplyChanges changes(String profileId, Changes body) {
        if (body.changes() == null || body.changes().isEmpty()) {
            throw new Ids.BadRequest("'changes' must list at least one change");
        }
        List<ProfileCommand> parts = new ArrayList<>();
        for (int i = 0; i < body.changes().size(); i++) {
            try {
                parts.add(part(profileId, body.changes().get(i), body.baseRevision(), i));
            } catch (Ids.BadRequest refused) {
                throw new Ids.BadRequest("Change " + i + ": " + refused.getMessage());
            }
        }
        return new ApplyChanges(Ids.profile(profileId), body.note(), parts);
    }

    private ProfileCommand part(String profileId, EditCall call, Long batchBase, int index) {
        Map<String, Object> body = call == null || call.body() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(call.body());
        for (String batchOnly : List.of("summary", "commandId")) {
            if (body.get(batchOnly) != null) {
                throw new Ids.BadRequest("a change has no '" + batchOnly + "' of its own: the batch's is all of theirs");
            }
        }
        if (batchBase != null) {
            body.putIfAbsent("baseRevision", batchBase);
        }
        ProfileCommand part = command(profileId, call == null ? null : new EditCall(call.method(), call.path(), body),
                "changes", index, "body");
        if (part instanceof ApplyChanges) {
            throw new Ids.BadRequest("a change cannot be a batch of changes: batches do not nest");
        }
        return part;
    }

    // ---- the mappings, one per edit ----

    static ReviseIdentity reviseIdentity(String profileId, IdentityChange body) {
        Identity identity = new Identity(body.name(), body.shortName(), body.category(), body.tagline());
        return new ReviseIdentity(Ids.profile(profileId), body.note(), identity);
    }

    static SetFact setFact(String profileId, String key, FactChange body) {
        return new SetFact(Ids.profile(profileId), body.note(), Ids.factKey(key), body.value());
    }

    static RemoveFact removeFact(String profileId, String key, EditNote note) {
        return new RemoveFact(Ids.profile(profileId), orNone(note), Ids.factKey(key));
    }

    static AddSection addSection(String profileId, NewSection body) {
        return new AddSection(Ids.profile(profileId), body.note(), Ids.optionalElement(body.id(), "section id"),
                body.title(), Ids.optionalElement(body.parentSectionId(), "parent section id"), body.position());
    }

    static RenameSection renameSection(String profileId, String sectionId, SectionChange body) {
        return new RenameSection(Ids.profile(profileId), body.note(), Ids.element(sectionId, "section id"),
                body.title());
    }

    static MoveSection moveSection(String profileId, String sectionId, Placement body) {
        return new MoveSection(Ids.profile(profileId), body.note(), Ids.element(sectionId, "section id"),
                Ids.position(body.position()));
    }

    static RemoveSection removeSection(String profileId, String sectionId, EditNote note) {
        return new RemoveSection(Ids.profile(profileId), orNone(note), Ids.element(sectionId, "section id"));
    }

    static AddClaim addClaim(String profileId, String sectionId, NewClaim body) {
        return new AddClaim(Ids.profile(profileId), body.note(), Ids.element(sectionId, "section id"),
                Ids.optionalElement(body.id(), "claim id"), body.kind(), body.label(), body.text(), body.items(),
                body.citations(), body.url(), body.position());
    }

    static ReviseClaim reviseClaim(String profileId, String claimId, ClaimChange body) {
        Ids.required(body.baseRevision(), "baseRevision");
        return new ReviseClaim(Ids.profile(profileId), body.note(), Ids.element(claimId, "claim id"), body.text(),
                body.label(), body.items());
    }

    static MoveClaim moveClaim(String profileId, String claimId, Placement body) {
        return new MoveClaim(Ids.profile(profileId), body.note(), Ids.element(claimId, "claim id"),
                Ids.optionalElement(body.sectionId(), "section id"), Ids.position(body.position()));
    }

    static RetractClaim retractClaim(String profileId, String claimId, EditNote note) {
        return new RetractClaim(Ids.profile(profileId), orNone(note), Ids.element(claimId, "claim id"));
    }

    static RestoreClaim restoreClaim(String profileId, String claimId, EditNote note) {
        return new RestoreClaim(Ids.profile(profileId), orNone(note), Ids.element(claimId, "claim id"));
    }

    static CiteSource citeSource(String profileId, String claimId, String sourceId, EditNote note) {
        return new CiteSource(Ids.profile(profileId), orNone(note), Ids.element(claimId, "claim id"),
                Ids.element(sourceId, "source id"));
    }

    static UnciteSource unciteSource(String profileId, String claimId, String sourceId, EditNote note) {
        return new UnciteSource(Ids.profile(profileId), orNone(note), Ids.element(claimId, "claim id"),
                Ids.element(sourceId, "source id"));
    }

    static AddSource addSource(String profileId, SourceContent body) {
        return new AddSource(Ids.profile(profileId), body.note(), body.title(), Ids.url(body.url()), body.site());
    }

    static EditSource editSource(String profileId, String sourceId, SourceContent body) {
        return new EditSource(Ids.profile(profileId), body.note(), Ids.element(sourceId, "source id"), body.title(),
                Ids.url(body.url()), body.site());
    }

    static RemoveSource removeSource(String profileId, String sourceId, EditNote note) {
        return new RemoveSource(Ids.profile(profileId), orNone(note), Ids.element(sourceId, "source id"));
    }

    static AddConnection addConnection(String profileId, NewConnection body) {
        return new AddConnection(Ids.profile(profileId), body.note(), Ids.optionalElement(body.id(), "connection id"),
                body.target(), body.relation(), body.via());
    }

    static RemoveConnection removeConnection(String profileId, String connectionId, EditNote note) {
        return new RemoveConnection(Ids.profile(profileId), orNone(note), Ids.element(connectionId, "connection id"));
    }

    /** Deletes and other edits without content take an optional body: just the note. */
    private static EditNote orNone(EditNote note) {
        return note == null ? EditNote.NONE : note;
    }

    /** How an edit's body becomes its command: the profile id, the path's variables, the body as read. */
    @FunctionalInterface
    private interface Mapping<B> {
        ProfileCommand command(String profileId, Map<String, String> variables, B body);
    }

    private record Route<B>(String method, PathPattern path, Class<B> body, Mapping<B> mapping) {

        ProfileCommand command(EditCalls calls, String profileId, Map<String, String> variables,
                               Map<String, Object> json, Object... bodyAt) {
            B read = calls.bodies.convert(json, body, bodyAt);
            if (read == null && body != EditNote.class) {
                throw new Ids.BadRequest("The edit " + this + " needs its body");
            }
            return mapping.command(profileId, variables, read);
        }

        @Override
        public String toString() {
            return method + " " + path.getPatternString().substring(1);
        }
    }

    private static <B> Route<B> route(String method, String path, Class<B> body, Mapping<B> mapping) {
        return new Route<>(method, PathPatternParser.defaultInstance.parse(path), body, mapping);
    }
}
