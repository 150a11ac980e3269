package io.palimpsest.streams;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.util.List;

/** Webhooks: the change stream pushed to an admin's HTTPS endpoint (docs/streams.md). ADMIN only. */
@RestController
@RequestMapping("/api/webhooks")
class WebhookController {

    private final WebhookRegistrations registrations;

    WebhookController(WebhookRegistrations registrations) {
        this.registrations = registrations;
    }

    /** Registers a webhook; the answer holds its secret, which is never shown again. */
    @PostMapping
    ResponseEntity<CreatedWebhook> register(@RequestBody WebhookRequest request, Principal admin) {
        CreatedWebhook created = registrations.register(request, admin.getName());
        return ResponseEntity.created(URI.create("/api/webhooks/" + created.webhook().id())).body(created);
    }

    @GetMapping
    List<WebhookView> list() {
        return registrations.list();
    }

    @GetMapping("/{webhookId}")
    WebhookView webhook(@PathVariable String webhookId) {
        return registrations.view(webhookId);
    }

    /** Changes the target, the filters or the description; the fields not given stay. */
    @PatchMapping("/{webhookId}")
    WebhookView change(@PathVariable String webhookId, @RequestBody WebhookRequest request) {
        return registrations.change(webhookId, request);
    }

    @DeleteMapping("/{webhookId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String webhookId) {
        registrations.remove(webhookId);
    }

    @PostMapping("/{webhookId}/pause")
    WebhookView pause(@PathVariable String webhookId) {
        return registrations.pause(webhookId);
    }

    /** Delivers again, beginning with the changes missed while paused. */
    @PostMapping("/{webhookId}/resume")
    WebhookView resume(@PathVariable String webhookId) {
        return registrations.resume(webhookId);
    }

    /** Sends a ping event at once and answers how the delivery went. */
    @PostMapping("/{webhookId}/ping")
    Delivery ping(@PathVariable String webhookId) throws InterruptedException {
        return registrations.ping(webhookId);
    }

    /** The recent delivery attempts, newest first. */
    @GetMapping("/{webhookId}/deliveries")
    DeliveryList deliveries(@PathVariable String webhookId) {
        return new DeliveryList(registrations.deliveries(webhookId));
    }

    record DeliveryList(List<Delivery> deliveries) {
    }
}
