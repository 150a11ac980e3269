package io.palimpsest.review;

import io.palimpsest.api.ServiceTest;
import io.palimpsest.web.Browsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The review page in a real browser: a reviewer sees a change's flags and diff, approves one and rejects another. */
class ReviewPageTest extends ServiceTest {

    @Test
    void aReviewerApprovesOneChangeAndRejectsAnotherWithAReasonFromTheQueue() {
        String p = "patrolled-" + UUID.randomUUID().toString().substring(0, 8);
        alice().post("/api/profiles", Map.of("id", p, "name", "Patrolled"));
        alice().post("/api/profiles/" + p + "/sections", Map.of("id", "main", "title", "Main"));
        String claim = alice().post("/api/profiles/" + p + "/sections/main/claims",
                Map.of("kind", "PARAGRAPH", "text", "The lab has ten people.")).json().get("createdId").asText();
        bob().put("/api/profiles/" + p + "/claims/" + claim,
                Map.of("text", "The lab has a thousand people.", "baseRevision", 3, "summary", "Grew"));      // @4

        WebDriver vera = Browsers.signedIn(baseUrl(), "vera");
        vera.get(baseUrl() + "/review?profile=" + p);
        WebElement change = waitFor(vera, d -> d.findElement(By.cssSelector("li.review-item[data-revision='4']")));
        assertThat(change.getText()).contains("by bob").contains("“Grew”").contains("a thousand");
        assertThat(change.findElement(By.cssSelector("[data-flag='uncited-claim']")).getText())
                .isEqualTo("Revised claim " + claim + " cites no source");
        Browsers.screenshot(vera, "review-queue");

        change.findElement(By.cssSelector("[data-action='reject']")).click();
        assertThat(change.findElement(By.cssSelector(".outcome")).getText()).isEqualTo("Say why it is rejected.");
        change.findElement(By.name("reason")).sendKeys("No source says so");
        change.findElement(By.cssSelector("[data-action='reject']")).click();
        waitFor(vera, d -> change.findElement(By.cssSelector(".outcome")).getText().startsWith("Rejected") ? true : null);
        assertThat(alice().get("/api/profiles/" + p + "?minRevision=5").json().at("/sections/0/claims/0/text").asText())
                .isEqualTo("The lab has ten people.");

        WebElement section = vera.findElement(By.cssSelector("li.review-item[data-revision='2']"));
        section.findElement(By.cssSelector("[data-action='approve']")).click();
        waitFor(vera, d -> section.getText().contains("Approved revision 2 of " + p) ? true : null);
        assertThat(section.getAttribute("class")).contains("reviewed");
        Browsers.screenshot(vera, "review-reviewed");
        assertThat(Browsers.consoleErrors(vera)).isEmpty();

        vera.get(baseUrl() + "/review?profile=" + p);
        waitFor(vera, d -> d.findElement(By.cssSelector("[data-role='waiting']")));
        assertThat(vera.findElements(By.cssSelector("li.review-item")).stream()
                .map(item -> item.getAttribute("data-revision"))).as("the reviewed changes left the queue")
                .doesNotContain("2", "4", "5");
    }

    @Test
    void anEditorSeesTheQueueWithoutTheVerdictButtons() {
        String p = "watched-queue-" + UUID.randomUUID().toString().substring(0, 8);
        bob().post("/api/profiles", Map.of("id", p, "name", "Seen"));
        WebDriver alice = Browsers.signedIn(baseUrl(), "alice");
        alice.get(baseUrl() + "/review?profile=" + p);
        WebElement change = waitFor(alice, d -> d.findElement(By.cssSelector("li.review-item[data-revision='1']")));
        assertThat(change.findElements(By.cssSelector("[data-action='approve']"))).isEmpty();
        assertThat(alice.findElement(By.cssSelector("[data-role='waiting']")).getText())
                .contains("Only a reviewer may approve or reject them.");
    }

    private static <T> T waitFor(WebDriver driver, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(RuntimeException.class).until(condition);
    }
}
