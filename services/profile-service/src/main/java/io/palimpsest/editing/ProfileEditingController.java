package io.palimpsest.editing;

import io.palimpsest.common.Ids;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.Identity;
import io.palimpsest.model.ProfileCommand.*;
import io.palimpsest.model.api.ClaimChange;
import io.palimpsest.model.api.EditResult;
import io.palimpsest.model.api.FactChange;
import io.palimpsest.model.api.IdentityChange;
import io.palimpsest.model.api.NewClaim;
import io.palimpsest.model.api.NewConnection;
import io.palimpsest.model.api.NewProfile;
import io.palimpsest.model.api.NewSection;
import io.palimpsest.model.api.Placement;
import io.palimpsest.model.api.SectionChange;
import io.palimpsest.model.api.SourceContent;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.security.Principal;

/**
 * Every edit of a profile as an HTTP resource. Each method only translates the request into a
 * command; the {@link Profile} aggregate decides. Deletes and other body-less edits take an optional
 * {@link EditNote} body ({@code baseRevision}, {@code summary}, {@code commandId}).
 */
@RestController
@RequestMapping("/api/profiles")
class ProfileEditingController {

    private final ProfileCommands commands;

    ProfileEditingController(ProfileCommands commands) {
        this.commands = commands;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<EditResult> create(@RequestBody NewProfile body, Principal editor) {
        String profileId = body.id() != null ? Ids.profile(body.id()) : Slugs.of(Ids.required(body.name(), "name"));
        Identity identity = new Identity(body.name(), body.shortName(), body.category(), body.tagline());
        EditNote note = EditNote.unbased(body.summary(), body.commandId());
        return created(commands.send(new CreateProfile(profileId, note, identity), editor), "/api/profiles/{id}",
                profileId);
    }

    @PutMapping("/{profileId}/identity")
    EditResult reviseIdentity(@PathVariable String profileId, @RequestBody IdentityChange body, Principal editor) {
        Identity identity = new Identity(body.name(), body.shortName(), body.category(), body.tagline());
        return commands.send(new ReviseIdentity(Ids.profile(profileId), body.note(), identity), editor);
    }

    @PutMapping("/{profileId}/facts/{key}")
    EditResult setFact(@PathVariable String profileId, @PathVariable String key, @RequestBody FactChange body,
                       Principal editor) {
        return commands.send(new SetFact(Ids.profile(profileId), body.note(), Ids.factKey(key), body.value()), editor);
    }

    @DeleteMapping("/{profileId}/facts/{key}")
    EditResult removeFact(@PathVariable String profileId, @PathVariable String key,
                          @RequestBody(required = false) EditNote note, Principal editor) {
        return commands.send(new RemoveFact(Ids.profile(profileId), orNone(note), Ids.factKey(key)), editor);
    }

    @PostMapping("/{profileId}/sections")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<EditResult> addSection(@PathVariable String profileId, @RequestBody NewSection body,
                                          Principal editor) {
        EditResult result = commands.send(new AddSection(Ids.profile(profileId), body.note(),
                Ids.optionalElement(body.id(), "section id"), body.title(),
                Ids.optionalElement(body.parentSectionId(), "parent section id"), body.position()), editor);
        return created(result, "/api/profiles/{id}/sections/{sectionId}", profileId, result.createdId());
    }

    @PutMapping("/{profileId}/sections/{sectionId}")
    EditResult renameSection(@PathVariable String profileId, @PathVariable String sectionId,
                             @RequestBody SectionChange body, Principal editor) {
        return commands.send(new RenameSection(Ids.profile(profileId), body.note(),
                Ids.element(sectionId, "section id"), body.title()), editor);
    }

    @PostMapping("/{profileId}/sections/{sectionId}/move")
    EditResult moveSection(@PathVariable String profileId, @PathVariable String sectionId,
                           @RequestBody Placement body, Principal editor) {
        return commands.send(new MoveSection(Ids.profile(profileId), body.note(),
                Ids.element(sectionId, "section id"), Ids.position(body.position())), editor);
    }

    @DeleteMapping("/{profileId}/sections/{sectionId}")
    EditResult removeSection(@PathVariable String profileId, @PathVariable String sectionId,
                             @RequestBody(required = false) EditNote note, Principal editor) {
        return commands.send(new RemoveSection(Ids.profile(profileId), orNone(note),
                Ids.element(sectionId, "section id")), editor);
    }

    @PostMapping("/{profileId}/sections/{sectionId}/claims")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<EditResult> addClaim(@PathVariable String profileId, @PathVariable String sectionId,
                                        @RequestBody NewClaim body, Principal editor) {
        EditResult result = commands.send(new AddClaim(Ids.profile(profileId), body.note(),
                Ids.element(sectionId, "section id"), Ids.optionalElement(body.id(), "claim id"), body.kind(),
                body.label(), body.text(), body.items(), body.citations(), body.url(), body.position()), editor);
        return created(result, "/api/profiles/{id}/claims/{claimId}", profileId, result.createdId());
    }

    @PutMapping("/{profileId}/claims/{claimId}")
    EditResult reviseClaim(@PathVariable String profileId, @PathVariable String claimId,
                           @RequestBody ClaimChange body, Principal editor) {
        Ids.required(body.baseRevision(), "baseRevision");
        return commands.send(new ReviseClaim(Ids.profile(profileId), body.note(), Ids.element(claimId, "claim id"),
                body.text(), body.label(), body.items()), editor);
    }

    @PostMapping("/{profileId}/claims/{claimId}/move")
    EditResult moveClaim(@PathVariable String profileId, @PathVariable String claimId, @RequestBody Placement body,
                         Principal editor) {
        return commands.send(new MoveClaim(Ids.profile(profileId), body.note(), Ids.element(claimId, "claim id"),
                Ids.optionalElement(body.sectionId(), "section id"), Ids.position(body.position())), editor);
    }

    @DeleteMapping("/{profileId}/claims/{claimId}")
    EditResult retractClaim(@PathVariable String profileId, @PathVariable String claimId,
                            @RequestBody(required = false) EditNote note, Principal editor) {
        return commands.send(new RetractClaim(Ids.profile(profileId), orNone(note), Ids.element(claimId, "claim id")),
                editor);
    }

    @PostMapping("/{profileId}/claims/{claimId}/restore")
    EditResult restoreClaim(@PathVariable String profileId, @PathVariable String claimId,
                            @RequestBody(required = false) EditNote note, Principal editor) {
        return commands.send(new RestoreClaim(Ids.profile(profileId), orNone(note), Ids.element(claimId, "claim id")),
                editor);
    }

    @PutMapping("/{profileId}/claims/{claimId}/citations/{sourceId}")
    EditResult citeSource(@PathVariable String profileId, @PathVariable String claimId, @PathVariable String sourceId,
                          @RequestBody(required = false) EditNote note, Principal editor) {
        return commands.send(new CiteSource(Ids.profile(profileId), orNone(note), Ids.element(claimId, "claim id"),
                Ids.element(sourceId, "source id")), editor);
    }

    @DeleteMapping("/{profileId}/claims/{claimId}/citations/{sourceId}")
    EditResult unciteSource(@PathVariable String profileId, @PathVariable String claimId,
                            @PathVariable String sourceId, @RequestBody(required = false) EditNote note,
                            Principal editor) {
        return commands.send(new UnciteSource(Ids.profile(profileId), orNone(note), Ids.element(claimId, "claim id"),
                Ids.element(sourceId, "source id")), editor);
    }

    @PostMapping("/{profileId}/sources")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<EditResult> addSource(@PathVariable String profileId, @RequestBody SourceContent body,
                                         Principal editor) {
        EditResult result = commands.send(new AddSource(Ids.profile(profileId), body.note(), body.title(),
                Ids.url(body.url()), body.site()), editor);
        return created(result, "/api/profiles/{id}/sources/{sourceId}", profileId, result.createdId());
    }

    @PutMapping("/{profileId}/sources/{sourceId}")
    EditResult editSource(@PathVariable String profileId, @PathVariable String sourceId,
                          @RequestBody SourceContent body, Principal editor) {
        return commands.send(new EditSource(Ids.profile(profileId), body.note(),
                Ids.element(sourceId, "source id"), body.title(), Ids.url(body.url()), body.site()), editor);
    }

    @DeleteMapping("/{profileId}/sources/{sourceId}")
    EditResult removeSource(@PathVariable String profileId, @PathVariable String sourceId,
                            @RequestBody(required = false) EditNote note, Principal editor) {
        return commands.send(new RemoveSource(Ids.profile(profileId), orNone(note),
                Ids.element(sourceId, "source id")), editor);
    }

    @PostMapping("/{profileId}/connections")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<EditResult> addConnection(@PathVariable String profileId, @RequestBody NewConnection body,
                                             Principal editor) {
        EditResult result = commands.send(new AddConnection(Ids.profile(profileId), body.note(),
                Ids.optionalElement(body.id(), "connection id"), body.target(), body.relation(), body.via()), editor);
        return created(result, "/api/profiles/{id}/connections/{connectionId}", profileId, result.createdId());
    }

    @DeleteMapping("/{profileId}/connections/{connectionId}")
    EditResult removeConnection(@PathVariable String profileId, @PathVariable String connectionId,
                                @RequestBody(required = false) EditNote note, Principal editor) {
        return commands.send(new RemoveConnection(Ids.profile(profileId), orNone(note),
                Ids.element(connectionId, "connection id")), editor);
    }

    private static EditNote orNone(EditNote note) {
        return note == null ? EditNote.NONE : note;
    }

    /** Its callers carry {@code @ResponseStatus(CREATED)} as well: the OpenAPI description reads the annotation. */
    static ResponseEntity<EditResult> created(EditResult result, String path, Object... ids) {
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath().path(path)
                .buildAndExpand(ids).toUri()).body(result);
    }
}
