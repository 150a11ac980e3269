package io.palimpsest.streams;

import io.palimpsest.api.ServiceTest;
import io.palimpsest.web.Browsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's webhook page in a real browser: register a webhook to a receiver on the loopback interface, see its
 * secret once and its deliveries, pause, resume and remove it. The configuration is WebhooksTest's, so the two share
 * one service.
 */
@TestPropertySource(properties = {"palimpsest.webhooks.allowed-hosts=127.0.0.1",
        "palimpsest.webhooks.allow-loopback-http=true", "palimpsest.webhooks.retry-base=20ms",
        "palimpsest.webhooks.retry-max=200ms", "palimpsest.webhooks.pause-after=5",
        "palimpsest.webhooks.poll-interval=20ms", "palimpsest.webhooks.refresh=500ms"})
@AutoConfigureObservability(tracing = false)
class WebhookPageTest extends ServiceTest {

    @Test
    void anAdminRegistersAWebhookSeesItsSecretOnceAndItsDeliveriesAndPausesResumesAndRemovesIt() throws Exception {
        WebDriver ada = Browsers.signedIn(baseUrl(), "ada");
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            ada.get(baseUrl() + "/admin/webhooks");
            waitFor(ada, d -> d.findElement(By.cssSelector("form[data-role='register-webhook']")));
            ada.findElement(By.name("url")).sendKeys(receiver.url());
            ada.findElement(By.name("description")).sendKeys("the page's receiver");
            ada.findElement(By.name("profile")).sendKeys("paged-hook");
            ada.findElement(By.cssSelector("[data-action='register-webhook']")).click();
            String secret = waitFor(ada, d -> d.findElement(By.cssSelector("[data-role='webhook-secret']"))).getText();
            assertThat(secret).matches("[0-9a-f]{64}");
            String shown = ada.findElement(By.cssSelector("[data-role='webhook-secret-holder']")).getText();
            String id = shown.substring("Registered ".length(), shown.indexOf('.'));
            String mine = "[data-webhook-id='" + id + "']";
            WebElement webhook = waitFor(ada, d -> d.findElement(By.cssSelector(mine + "[data-state='active']")));
            assertThat(webhook.getText()).contains(receiver.url()).contains("profile: paged-hook");
            assertThat(as("ada").get("/api/webhooks").body()).doesNotContain(secret);

            assertThat(alice().post("/api/profiles", Map.of("id", "paged-hook", "name", "Paged")).status()).isEqualTo(201);
            assertThat(receiver.awaitAccepted(1, Duration.ofSeconds(30))).hasSize(1);
            webhook.findElement(By.cssSelector("[data-action='show-deliveries']")).click();
            WebElement deliveries = waitFor(ada, d -> d.findElement(By.cssSelector("[data-role='deliveries'] table")));
            assertThat(deliveries.getText()).contains("ProfileCreated").contains("204");
            Browsers.screenshot(ada, "webhooks");

            ada.findElement(By.cssSelector(mine + " [data-action='pause-webhook']")).click();
            waitFor(ada, d -> d.findElement(By.cssSelector(mine + "[data-state='paused']")));
            ada.findElement(By.cssSelector(mine + " [data-action='resume-webhook']")).click();
            waitFor(ada, d -> d.findElement(By.cssSelector(mine + "[data-state='active']")));
            ada.findElement(By.cssSelector(mine + " [data-action='remove-webhook']")).click();
            waitFor(ada, d -> d.findElements(By.cssSelector(mine)).isEmpty());
            assertThat(Browsers.consoleErrors(ada)).isEmpty();
        } finally {
            ada.quit();
        }
    }

    private static <T> T waitFor(WebDriver driver, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(RuntimeException.class).until(condition::apply);
    }
}
