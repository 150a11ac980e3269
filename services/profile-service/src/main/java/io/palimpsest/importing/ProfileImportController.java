package io.palimpsest.importing;

import io.palimpsest.common.Ids;
import io.palimpsest.editing.ProfileCommands;
import io.palimpsest.editing.ProfileReading;
import io.palimpsest.editing.ProfileSheet;
import io.palimpsest.editing.Slugs;
import io.palimpsest.model.EditNote;
import io.palimpsest.model.ProfileCommand.ImportProfile;
import io.palimpsest.model.ProfileDocument;
import io.palimpsest.model.ProfileEvent.ProfileImported;
import io.palimpsest.model.api.EditResult;
import io.palimpsest.model.api.ProfileView;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.security.Principal;
import java.util.Comparator;
import java.util.List;

/**
 * Import of a whole profile (the directory's page text, our Markdown export, or our JSON export) and
 * export of the current one as Markdown or JSON.
 */
@RestController
@RequestMapping("/api/profiles")
class ProfileImportController {

    static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown;charset=UTF-8");

    private final ProfileImporter importer;
    private final MarkdownExporter markdown;
    private final ProfileCommands commands;
    private final ProfileReading reading;

    ProfileImportController(ProfileImporter importer, MarkdownExporter markdown, ProfileCommands commands,
                            ProfileReading reading) {
        this.importer = importer;
        this.markdown = markdown;
        this.commands = commands;
        this.reading = reading;
    }

    @PostMapping(path = "/import", consumes = {MediaType.TEXT_PLAIN_VALUE, "text/markdown"})
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<ProfileView> importText(@RequestBody String text,
                                           @RequestParam(required = false) String id,
                                           @RequestParam(required = false) String summary,
                                           @RequestParam(required = false) String commandId, Principal editor) {
        return importDocument(importer.parse(text), id, summary, commandId, editor);
    }

    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<ProfileView> importJson(@RequestBody ProfileDocument document,
                                           @RequestParam(required = false) String id,
                                           @RequestParam(required = false) String summary,
                                           @RequestParam(required = false) String commandId, Principal editor) {
        return importDocument(document, id, summary, commandId, editor);
    }

    private ResponseEntity<ProfileView> importDocument(ProfileDocument document, String id, String summary,
                                                       String commandId, Principal editor) {
        if (document.identity() == null || document.identity().name() == null || document.identity().name().isBlank()) {
            throw new Ids.BadRequest("The imported profile has no name");
        }
        String profileId = id != null ? Ids.profile(id) : Slugs.of(document.identity().name());
        EditResult result = commands.send(new ImportProfile(profileId, EditNote.unbased(summary, commandId), document), editor);
        // The answer is the imported profile itself, folded here exactly as the projection will fold it.
        ProfileSheet sheet = new ProfileSheet();
        sheet.apply(new ProfileImported(profileId, result.revision(), document), editor.getName());
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/profiles/{id}").buildAndExpand(profileId).toUri()).body(sheet.toView());
    }

    /** The format is {@code format}'s, else the first of Markdown and JSON the {@code Accept} header prefers. */
    @GetMapping("/{profileId}/export")
    ResponseEntity<?> export(@PathVariable String profileId,
                             @RequestParam(required = false) String format,
                             @RequestParam(required = false) Long minRevision,
                             @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        String chosen = format != null ? format : preferredFormat(accept);
        ProfileDocument document = reading.document(Ids.profile(profileId), Ids.minRevision(minRevision));
        return switch (chosen) {
            case "markdown" -> ResponseEntity.ok().contentType(MARKDOWN).body(markdown.export(document));
            case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document);
            default -> throw new Ids.BadRequest("Unknown export format '" + format + "': use markdown or json");
        };
    }

    private static String preferredFormat(String accept) {
        // An unreadable header was refused before (problems.UnreadableAcceptHeaders).
        List<MediaType> accepted = accept == null ? List.of() : MediaType.parseMediaTypes(accept);
        return accepted.stream().filter(type -> type.getQualityValue() > 0)
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                .filter(type -> type.includes(MARKDOWN) || type.includes(MediaType.APPLICATION_JSON))
                .findFirst().map(type -> type.includes(MARKDOWN) ? "markdown" : "json").orElse("markdown");
    }
}
