package io.palimpsest.review;

import io.palimpsest.api.ServiceTest;
import io.palimpsest.web.Browsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Suggestion mode in a real browser: a reviewer turns it on, an editor's edit shows as a proposal beside the claim
 * (on both pages, live), the reviewer accepts one and declines another with a reason, and the author withdraws one.
 */
class SuggestionPageTest extends ServiceTest {

    private static final String FOX = "The quick brown fox jumps over the lazy dog.";

    @Test
    void anEditorSuggestsAReviewerSeesItLiveAndAcceptsItAndTheClaimChanges() {
        String p = profile();
        WebDriver vera = open(Browsers.signedIn(baseUrl(), "vera"), p);
        WebDriver carol = open(Browsers.signedIn(baseUrl(), "carol"), p);

        vera.findElement(By.cssSelector("[data-action='suggestion-mode-on']")).click();
        waitFor(carol, d -> d.findElement(By.cssSelector("[data-role='suggestion-mode']")).getText()
                .contains("Your changes are kept as suggestions"));

        claimAction(carol, "c1", "edit");
        WebElement editor = claim(carol, "c1");
        assertThat(editor.findElement(By.cssSelector("[data-action='save']")).getText()).isEqualTo("Suggest");
        WebElement text = editor.findElement(By.name("text"));
        text.clear();
        text.sendKeys("The quick brown fox leaps over the lazy dog.");
        editor.findElement(By.name("summary")).sendKeys("Livelier verb");
        claimAction(carol, "c1", "save");

        WebElement mine = waitFor(carol, d -> claim(d, "c1").findElement(By.cssSelector(".suggestion")));
        assertThat(mine.getText()).contains("by carol").contains("“Livelier verb”");
        assertThat(mine.findElement(By.cssSelector("ins")).getText()).isEqualTo("leaps");
        assertThat(mine.findElement(By.cssSelector("del")).getText()).isEqualTo("jumps");
        assertThat(mine.findElements(By.cssSelector("[data-action='accept-suggestion']"))).as("not for its author")
                .isEmpty();
        assertThat(claimText(carol, "c1")).as("the claim is unchanged").isEqualTo(FOX);
        Browsers.screenshot(carol, "suggestion-by-its-author");

        WebElement proposal = waitFor(vera, d -> claim(d, "c1").findElement(By.cssSelector(".suggestion")));
        assertThat(proposal.getText()).contains("by carol");
        Browsers.screenshot(vera, "suggestion-for-a-reviewer");
        proposal.findElement(By.cssSelector("[data-action='accept-suggestion']")).click();

        waitFor(vera, d -> claimText(d, "c1").equals("The quick brown fox leaps over the lazy dog.") ? true : null);
        waitFor(carol, d -> claimText(d, "c1").equals("The quick brown fox leaps over the lazy dog.") ? true : null);
        assertThat(claim(vera, "c1").findElements(By.cssSelector(".suggestion"))).isEmpty();
        waitFor(carol, d -> claim(d, "c1").findElements(By.cssSelector(".suggestion")).isEmpty() ? true : null);
        Browsers.screenshot(vera, "suggestion-accepted");
        assertThat(Browsers.consoleErrors(vera)).isEmpty();
        assertThat(Browsers.consoleErrors(carol)).isEmpty();
    }

    @Test
    void aReviewerDeclinesWithAReasonAndAnAuthorWithdrawsTheirOwn() {
        String p = profile();
        assertThat(as("vera").put("/api/profiles/" + p + "/suggestion-mode", Map.of("on", true)).status())
                .isEqualTo(200);
        suggest(p, "The quick brown fox sleeps over the lazy dog.");
        assertThat(as("carol").post("/api/profiles/" + p + "/sections/main/claims",
                Map.of("kind", "PARAGRAPH", "text", "A second claim.", "baseRevision", 4)).status()).isEqualTo(202);

        WebDriver vera = open(Browsers.signedIn(baseUrl(), "vera"), p);
        WebElement declined = waitFor(vera, d -> claim(d, "c1").findElement(By.cssSelector(".suggestion")));
        declined.findElement(By.cssSelector("[data-action='decline-suggestion']")).click();
        declined.findElement(By.name("reason")).sendKeys("The source says jumps");
        declined.findElement(By.cssSelector(".inline-form button[type=submit]")).click();
        waitFor(vera, d -> claim(d, "c1").findElements(By.cssSelector(".suggestion")).isEmpty() ? true : null);
        assertThat(claimText(vera, "c1")).isEqualTo(FOX);

        WebDriver carol = open(Browsers.signedIn(baseUrl(), "carol"), p);
        WebElement added = waitFor(carol, d -> d.findElement(By.cssSelector(
                "section[data-section-id='main'] > .suggestions .suggestion")));
        assertThat(added.getText()).contains("A second claim.").contains("add claim");
        Browsers.screenshot(carol, "suggested-claim");
        added.findElement(By.cssSelector("[data-action='withdraw-suggestion']")).click();
        waitFor(carol, d -> d.findElements(By.cssSelector(".suggestion")).isEmpty() ? true : null);
        assertThat(as("rita").get("/api/profiles/" + p + "/suggestions").json().get("suggestions")).isEmpty();
    }

    // ---- helpers ----

    private void suggest(String p, String text) {
        assertThat(as("carol").put("/api/profiles/" + p + "/claims/c1", Map.of("text", text, "baseRevision", 3))
                .status()).isEqualTo(202);
    }

    /** A profile with section "main" and claim c1, by alice (revisions 1 to 3). */
    private String profile() {
        String p = "suggested-page-" + UUID.randomUUID().toString().substring(0, 8);
        alice().post("/api/profiles", Map.of("id", p, "name", "Suggested"));
        alice().post("/api/profiles/" + p + "/sections", Map.of("id", "main", "title", "Main"));
        alice().post("/api/profiles/" + p + "/sections/main/claims", Map.of("kind", "PARAGRAPH", "text", FOX));
        return p;
    }

    private WebDriver open(WebDriver driver, String p) {
        driver.get(baseUrl() + "/profiles/" + p);
        waitFor(driver, d -> d.findElement(By.cssSelector("article[data-profile-id='" + p + "'][data-revision]")));
        waitFor(driver, d -> "live".equals(d.findElement(By.cssSelector("[data-role='live-status']"))
                .getDomAttribute("data-state")) ? true : null);
        return driver;
    }

    private static WebElement claim(WebDriver driver, String claimId) {
        return driver.findElement(By.cssSelector("[data-claim-id='" + claimId + "']"));
    }

    private static String claimText(WebDriver driver, String claimId) {
        return claim(driver, claimId).findElement(By.cssSelector("[data-role='claim-text']")).getText();
    }

    /** Controls show on hover or focus; a keyboard user and this test reach them all the same. */
    private static void claimAction(WebDriver driver, String claimId, String action) {
        WebElement button = waitFor(driver, d -> claim(d, claimId).findElement(By.cssSelector("[data-action='" + action
                + "']")));
        ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", button);
        button.click();
    }

    private static <T> T waitFor(WebDriver driver, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(RuntimeException.class).until(condition);
    }
}
