package io.palimpsest.editing;

import io.palimpsest.common.Ids;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.Identity;
import io.palimpsest.model.ProfileCommand.CreateProfile;
import io.palimpsest.model.api.Changes;
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
 * command, by the mappings of {@link EditCalls} (which STOMP edits and batches use too); the {@link Profile}
 * aggregate decides. Deletes and other body-less edits take an optional
 * {@link EditNote} body ({@code baseRevision}, {@code summary}, {@code commandId}).
 */
@RestController
@RequestMapping("/api/profiles")
class ProfileEditingController {

    private final ProfileCommands commands;
    private final EditCalls calls;

    ProfileEditingController(ProfileCommands commands, EditCalls calls) {
        this.commands = commands;
        this.calls = calls;
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

    @PutMapping("/{profileId}" + EditCalls.IDENTITY)
    EditResult reviseIdentity(@PathVariable String profileId, @RequestBody IdentityChange body, Principal editor) {
        return commands.send(EditCalls.reviseIdentity(profileId, body), editor);
    }

    @PutMapping("/{profileId}" + EditCalls.FACT)
    EditResult setFact(@PathVariable String profileId, @PathVariable String key, @RequestBody FactChange body,
                       Principal editor) {
        return commands.send(EditCalls.setFact(profileId, key, body), editor);
    }

    @DeleteMapping("/{profileId}" + EditCalls.FACT)
    EditResult removeFact(@PathVariable String profileId, @PathVariable String key,
                          @RequestBody(required = false) EditNote note, Principal editor) {
        return commands.send(EditCalls.removeFact(profileId, key, note), editor);
    }

    @PostMapping("/{profileId}" + EditCalls.SECTIONS)
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<EditResult> addSection(@PathVariable String profileId, @RequestBody NewSection body,
                                          Principal editor) {
        EditResult result = commands.send(EditCalls.addSection(profileId, body), editor);
        return created(result, "/api/profiles/{id}/sections/{sectionId}", profileId, result.createdId());
    }

    @PutMapping("/{profileId}" + EditCalls.SECTION)
    EditResult renameSection(@PathVariable String profileId, @PathVariable String sectionId,
                             @RequestBody SectionChange body, Principal editor) {
        return commands.send(EditCalls.renameSection(profileId, sectionId, body), editor);
    }

    @PostMapping("/{profileId}" + EditCalls.SECTION_MOVE)
    EditResult moveSection(@PathVariable String profileId, @PathVariable String sectionId,
                           @RequestBody Placement body, Principal editor) {
        return commands.send(EditCalls.moveSection(profileId, sectionId, body), editor);
    }

    @DeleteMapping("/{profileId}" + EditCalls.SECTION)
    EditResult removeSection(@PathVariable String profileId, @PathVariable String sectionId,
                             @RequestBody(required = false) EditNote note, Principal editor) {
        return commands.send(EditCalls.removeSection(profileId, sectionId, note), editor);
    }

    @PostMapping("/{profileId}" + EditCalls.SECTION_CLAIMS)
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<EditResult> addClaim(@PathVariable String profileId, @PathVariable String sectionId,
                                        @RequestBody NewClaim body, Principal editor) {
        EditResult result = commands.send(EditCalls.addClaim(profileId, sectionId, body), editor);
        return created(result, "/api/profiles/{id}/claims/{claimId}", profileId, result.createdId());
    }

    @PutMapping("/{profileId}" + EditCalls.CLAIM)
    EditResult reviseClaim(@PathVariable String profileId, @PathVariable String claimId,
                           @RequestBody ClaimChange body, Principal editor) {
        return commands.send(EditCalls.reviseClaim(profileId, claimId, body), editor);
    }

    @PostMapping("/{profileId}" + EditCalls.CLAIM_MOVE)
    EditResult moveClaim(@PathVariable String profileId, @PathVariable String claimId, @RequestBody Placement body,
                         Principal editor) {
        return commands.send(EditCalls.moveClaim(profileId, claimId, body), editor);
    }

    @DeleteMapping("/{profileId}" + EditCalls.CLAIM)
    EditResult retractClaim(@PathVariable String profileId, @PathVariable String claimId,
                            @RequestBody(required = false) EditNote note, Principal editor) {
        return commands.send(EditCalls.retractClaim(profileId, claimId, note), editor);
    }

    @PostMapping("/{profileId}" + EditCalls.CLAIM_RESTORE)
    EditResult restoreClaim(@PathVariable String profileId, @PathVariable String claimId,
                            @RequestBody(required = false) EditNote note, Principal editor) {
        return commands.send(EditCalls.restoreClaim(profileId, claimId, note), editor);
    }

    @PutMapping("/{profileId}" + EditCalls.CITATION)
    EditResult citeSource(@PathVariable String profileId, @PathVariable String claimId, @PathVariable String sourceId,
                          @RequestBody(required = false) EditNote note, Principal editor) {
        return commands.send(EditCalls.citeSource(profileId, claimId, sourceId, note), editor);
    }

    @DeleteMapping("/{profileId}" + EditCalls.CITATION)
    EditResult unciteSource(@PathVariable String profileId, @PathVariable String claimId,
                            @PathVariable String sourceId, @RequestBody(required = false) EditNote note,
                            Principal editor) {
        return commands.send(EditCalls.unciteSource(profileId, claimId, sourceId, note), editor);
    }

    @PostMapping("/{profileId}" + EditCalls.SOURCES)
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<EditResult> addSource(@PathVariable String profileId, @RequestBody SourceContent body,
                                         Principal editor) {
        EditResult result = commands.send(EditCalls.addSource(profileId, body), editor);
        return created(result, "/api/profiles/{id}/sources/{sourceId}", profileId, result.createdId());
    }

    @PutMapping("/{profileId}" + EditCalls.SOURCE)
    EditResult editSource(@PathVariable String profileId, @PathVariable String sourceId,
                          @RequestBody SourceContent body, Principal editor) {
        return commands.send(EditCalls.editSource(profileId, sourceId, body), editor);
    }

    @DeleteMapping("/{profileId}" + EditCalls.SOURCE)
    EditResult removeSource(@PathVariable String profileId, @PathVariable String sourceId,
                            @RequestBody(required = false) EditNote note, Principal editor) {
        return commands.send(EditCalls.removeSource(profileId, sourceId, note), editor);
    }

    @PostMapping("/{profileId}" + EditCalls.CONNECTIONS)
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<EditResult> addConnection(@PathVariable String profileId, @RequestBody NewConnection body,
                                             Principal editor) {
        EditResult result = commands.send(EditCalls.addConnection(profileId, body), editor);
        return created(result, "/api/profiles/{id}/connections/{connectionId}", profileId, result.createdId());
    }

    @DeleteMapping("/{profileId}" + EditCalls.CONNECTION)
    EditResult removeConnection(@PathVariable String profileId, @PathVariable String connectionId,
                                @RequestBody(required = false) EditNote note, Principal editor) {
        return commands.send(EditCalls.removeConnection(profileId, connectionId, note), editor);
    }

    /**
     * Several edits as one revision, all or nothing: each change is its REST call ({@code method}, {@code path}
     * below the profile, {@code body}) and is decided as that call would be; a refused one refuses them all.
     */
    @PostMapping("/{profileId}" + EditCalls.CHANGES)
    EditResult applyChanges(@PathVariable String profileId, @RequestBody Changes body, Principal editor) {
        return commands.send(calls.changes(profileId, body), editor);
    }

    /**
     * Its callers carry {@code @ResponseStatus(CREATED)} as well: the OpenAPI description reads the annotation. An
     * addition kept as a suggestion created nothing yet: 202, as {@link SuggestedEdits} answers other edits.
     */
    static ResponseEntity<EditResult> created(EditResult result, String path, Object... ids) {
        if (result.suggestionId() != null) {
            return ResponseEntity.accepted().body(result);
        }
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath().path(path)
                .buildAndExpand(ids).toUri()).body(result);
    }
}
