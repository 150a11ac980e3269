package io.palimpsest.operations;

import io.palimpsest.storage.EmbeddedMongoServer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** Compaction of the embedded store's files while the service serves (ADMIN only, see security). */
@RestController
@RequestMapping("/api/admin/compaction")
class CompactionController {

    private final Compactions compactions;

    CompactionController(Compactions compactions) {
        this.compactions = compactions;
    }

    record Compacted(List<EmbeddedMongoServer.Compaction> files) {
    }

    @PostMapping
    Compacted compact() {
        List<EmbeddedMongoServer.Compaction> files = compactions.compact();
        if (files.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The store keeps no files of "
                    + "its own to compact: a real MongoDB compacts its own (WiredTiger's compact command), the memory "
                    + "engine keeps nothing on disk");
            problem.setType(URI.create("https://palimpsest.dev/problems/nothing-to-compact"));
            throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
        }
        return new Compacted(files);
    }
}
