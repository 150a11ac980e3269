package io.palimpsest.review;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/**
 * Batch undo, as Wikidata's EditGroups does it: every still-standing change of one editor in a span of time, or of
 * one import, taken back in one call; {@code dryRun=true} answers what would be, and changes nothing.
 */
@RestController
@RequestMapping("/api/review")
class BatchUndoController {

    private final BatchUndos undos;

    BatchUndoController(BatchUndos undos) {
        this.undos = undos;
    }

    @PostMapping("/batch-undo")
    BatchUndos.Answer batchUndo(@RequestBody BatchUndoRequest request,
                                @RequestParam(defaultValue = "false") boolean dryRun, Principal reviewer) {
        return undos.undo(request, dryRun, reviewer);
    }
}
