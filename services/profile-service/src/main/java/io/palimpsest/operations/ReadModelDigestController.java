package io.palimpsest.operations;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Each read model's digest on this node (ADMIN only): compared with what {@code verify} prints for a backup, it tells
 * whether this node's read models are those folded from that backup (docs/operations.md, "Read model digests").
 */
@RestController
class ReadModelDigestController {

    private final ReadModelDigests digests;
    private final ReadModelLag lag;

    ReadModelDigestController(ReadModelDigests digests, ReadModelLag lag) {
        this.digests = digests;
        this.lag = lag;
    }

    /** {@code positions}: how far each read model has folded the event log, of its {@code head}. */
    record Digests(long head, List<ReadModelLag.Behind> positions, List<ReadModelDigests.Digest> readModels) {
    }

    @GetMapping("/api/admin/read-models/digests")
    Digests digests() {
        ReadModelLag.Sample sample = lag.sample();
        return new Digests(sample.head(), sample.readModels(), digests.compute());
    }
}
