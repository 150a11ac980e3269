package io.palimpsest.editors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** Erasure of an editor (ADMIN only, see security): docs/operations.md, "Erasure". */
@RestController
class ErasureController {

    private final Erasures erasures;

    ErasureController(Erasures erasures) {
        this.erasures = erasures;
    }

    /**
     * 200 with the pseudonym; the read models are rebuilt meanwhile ({@code GET /api/admin/replay}). A name no
     * stored event holds is a 404 — so is a repeat: the erasure has left nothing that links the name to its pseudonym.
     */
    @PostMapping("/api/admin/editors/{name}/erasure")
    Erasures.Erased erase(@PathVariable String name) throws InterruptedException {
        return erasures.erase(name).orElseThrow(() -> new ErrorResponseException(
                HttpStatus.NOT_FOUND, unknown(name), null));
    }

    private static ProblemDetail unknown(String name) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No edit of an editor named '"
                + name + "' is kept: never an editor, or erased already (an erasure keeps nothing that would tell)");
        problem.setType(URI.create("https://palimpsest.dev/problems/editor-not-found"));
        return problem;
    }
}
