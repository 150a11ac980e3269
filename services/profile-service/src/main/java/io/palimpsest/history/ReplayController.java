package io.palimpsest.history;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Rebuilding every read model from the event store, and its progress (ADMIN only, see security). */
@RestController
@RequestMapping("/api/admin/replay")
class ReplayController {

    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Replays.Progress start() {
        return replays.start();
    }

    @GetMapping
    Replays.Progress progress() {
        return replays.progress();
    }
}
