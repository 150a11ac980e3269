package io.palimpsest.operations;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/**
 * Online backups of the event log (ADMIN only, see security): take one into the backup directory, list them, download
 * one. Restoring is a command line's work, into an empty store while the service is stopped (docs/operations.md).
 */
@RestController
@RequestMapping("/api/admin/backups")
class BackupController {

    private final Backups backups;

    BackupController(Backups backups) {
        this.backups = backups;
    }

    @PostMapping
    ResponseEntity<Backups.Stored> take() {
        Backups.Stored taken = backups.take();
        return ResponseEntity.created(URI.create("/api/admin/backups/" + taken.name())).body(taken);
    }

    @GetMapping
    List<Backups.Stored> list() {
        return backups.list();
    }

    @GetMapping("/{name}")
    ResponseEntity<Resource> download(@PathVariable String name) {
        return backups.file(name)
                .map(file -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType("application/gzip"))
                        .header(HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment().filename(name).build().toString())
                        .<Resource>body(new FileSystemResource(file)))
                .orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND, problem(name), null));
    }

    private static ProblemDetail problem(String name) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No backup named '" + name + "' in the backup directory");
        problem.setType(URI.create("https://palimpsest.dev/problems/backup-not-found"));
        return problem;
    }
}
