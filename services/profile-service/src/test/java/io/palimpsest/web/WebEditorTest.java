package io.palimpsest.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web editor in a real browser (headless chromium), driven only through the page's automation hooks
 * (docs/web.md). One service (the shared test context) and one browser per user for the whole class.
 */
class WebEditorTest extends ServiceTest {

    private static final Map<String, WebDriver> BROWSERS = new HashMap<>();
    private static String sample;

    private final List<String> expectedConsoleErrors = new ArrayList<>();

    @AfterEach
    void noConsoleErrors() {
        for (WebDriver driver : BROWSERS.values()) {
            List<String> errors = new ArrayList<>(Browsers.consoleErrors(driver));
            errors.removeIf(error -> expectedConsoleErrors.stream().anyMatch(error::contains));
            assertThat(errors).as("browser console errors").isEmpty();
        }
    }

    @Test
    void aSignedInEditorReadsTheImportedSampleWithEveryClaimCountRight() {
        String id = importSample();
        WebDriver alice = browser("alice");
        open(alice, id);
        assertThat(alice.findElement(By.cssSelector("h1")).getText()).startsWith("Beijing Institute of AI Safety");
        assertThat(alice.findElements(By.cssSelector(".facts .fact"))).hasSize(4);
        Map<String, Integer> claims = Map.of("theory-of-change", 7, "what-they-do", 4, "key-people", 3,
                "money-and-incentives", 5, "what-others-say", 5, "whats-absent", 9, "recommended-reading", 4,
                "key-assumptions", 4, "strengths", 5, "weaknesses-and-risks", 6);
        claims.forEach((section, count) -> assertThat(alice.findElements(By.cssSelector(
                "section[data-section-id='" + section + "'] > .claims > [data-claim-id], section[data-section-id='"
                        + section + "'] > .claims > .claim-list > [data-claim-id]")))
                .as(section).hasSize(count));
        assertThat(alice.findElements(By.cssSelector("[data-claim-id]"))).hasSize(84);
        assertThat(alice.findElements(By.cssSelector("section[data-section-id='claudes-analysis'] > section")))
                .hasSize(8);
        for (WebElement assumption : alice.findElements(By.cssSelector(
                "section[data-section-id='key-assumptions'] [data-claim-id]"))) {
            assertThat(assumption.findElements(By.cssSelector(".items > li"))).hasSize(4);
        }
        assertThat(alice.findElements(By.cssSelector("section[data-section-id='recommended-reading'] a.claim-label")))
                .hasSize(4);
        assertThat(alice.findElements(By.cssSelector(".connections li"))).hasSize(8);
        assertThat(alice.findElements(By.cssSelector(".sources li"))).hasSize(38);
        // Every claim of the page but the four reading-list entries, whose own links are where they come from.
        assertThat(alice.findElements(By.cssSelector("[data-role='uncited']"))).hasSize(80);
        long renderMs = Long.parseLong(root(alice).getDomAttribute("data-render-ms"));
        System.out.println("web: sample profile rendered in " + renderMs + " ms after the page loaded, "
                + root(alice).getDomAttribute("data-shown-at-ms") + " ms after navigation began");
        Browsers.screenshot(alice, "profile-page");
    }

    @Test
    void twoEditorsSeeEachOthersPresenceAndEditsLiveWithoutReloading() {
        String id = importSample();
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bob");
        open(alice, id);
        open(bob, id);
        waitFor(bob, d -> d.findElement(By.cssSelector("[data-role='profile-presence']")).getText().contains("alice"));
        claimAction(alice, "c3", "edit");
        waitFor(bob, d -> claim(d, "c3").findElement(By.cssSelector("[data-role='presence']")).getText()
                .contains("alice"));
        WebElement text = claim(alice, "c3").findElement(By.name("text"));
        text.clear();
        text.sendKeys("Current alignment approaches are insufficient, says Yi Zeng.");
        claim(alice, "c3").findElement(By.name("summary")).sendKeys("shorter");
        claimAction(alice, "c3", "save");
        waitFor(bob, d -> claimText(d, "c3").equals("Current alignment approaches are insufficient, says Yi Zeng."));
        assertThat(claim(bob, "c3").getText()).contains("changed by alice");
        System.out.println("web: a change by another editor shown " + root(bob).getDomAttribute("data-last-change-ms")
                + " ms after it arrived");
        assertThat(root(bob).getDomAttribute("data-revision")).isEqualTo("2");
        Browsers.screenshot(bob, "live-change");

        claimAction(bob, "c5", "edit");
        waitFor(alice, d -> claim(d, "c5").findElement(By.cssSelector("[data-role='presence']")).getText()
                .contains("bob"));
        claimAction(bob, "c5", "cancel");
    }

    @Test
    void anEditorRevisesTheIdentityAndAnotherEditorSeesItLive() {
        String id = importSample();
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bob");
        open(alice, id);
        open(bob, id);
        alice.findElement(By.cssSelector("[data-action='edit-identity']")).click();
        WebElement tagline = waitFor(alice, d -> d.findElement(By.cssSelector(".identity form input[name=tagline]")));
        assertThat(tagline.getDomProperty("value")).isEqualTo("Chinese government approach.");
        tagline.clear();
        tagline.sendKeys("Beijing's municipal AI safety institute.");
        alice.findElement(By.cssSelector(".identity form input[name=summary]")).sendKeys("clearer tagline");
        alice.findElement(By.cssSelector(".identity form button[type=submit]")).click();
        waitFor(bob, d -> d.findElement(By.cssSelector(".identity .tagline")).getText()
                .equals("Beijing's municipal AI safety institute."));
        assertThat(bob.findElement(By.cssSelector("h1")).getText()).startsWith("Beijing Institute of AI Safety");
        assertThat(root(bob).getDomAttribute("data-revision")).isEqualTo("2");
    }

    @Test
    void anEmptySectionIsRemovedAndOneWithClaimsIsKeptWithTheReason() {
        expectedConsoleErrors.add("status of 409");
        String id = importSample();
        alice().post("/api/profiles/" + id + "/sections", Map.of("id", "spare", "title", "Spare"));
        WebDriver alice = browser("alice");
        open(alice, id);
        alice.findElement(By.cssSelector("section[data-section-id='strengths'] [data-action='remove-section']")).click();
        WebElement refusal = waitFor(alice, d -> d.findElement(By.cssSelector("[data-role='past-banner'] [role='alert']")));
        assertThat(refusal.getText()).contains("still has claims or subsections");
        assertThat(alice.findElements(By.cssSelector("section[data-section-id='strengths']"))).hasSize(1);

        alice.findElement(By.cssSelector("section[data-section-id='spare'] [data-action='remove-section']")).click();
        waitFor(alice, d -> d.findElements(By.cssSelector("section[data-section-id='spare']")).isEmpty());
        assertThat(root(alice).getDomAttribute("data-revision")).isEqualTo("3");
    }

    @Test
    void aReaderWatchesAProfileAClaimAndAnEditorAndReadsWhatChangedOnTheWatchlistPage() {
        String id = importSample();
        WebDriver rita = browser("rita");
        as("rita").post("/api/me/changes/read", Map.of());
        open(rita, id);
        WebElement watchProfile = rita.findElement(By.cssSelector("[data-action='watch-profile']"));
        watchProfile.click();
        waitFor(rita, d -> "true".equals(watchProfile.getDomAttribute("aria-pressed")));
        claimAction(rita, "c3", "watch-claim");
        waitFor(rita, d -> "true".equals(claim(d, "c3").findElement(By.cssSelector("[data-action='watch-claim']"))
                .getDomAttribute("aria-pressed")));
        rita.get(baseUrl() + "/audit?editor=carol");
        WebElement watchCarol = waitFor(rita, d -> d.findElement(By.cssSelector("[data-action='watch-editor']")));
        watchCarol.click();
        waitFor(rita, d -> "true".equals(watchCarol.getDomAttribute("aria-pressed")));

        bob().put("/api/profiles/" + id + "/claims/c3", Map.of("baseRevision", 1, "text", "Watched and changed."));
        rita.get(baseUrl() + "/watchlist");
        WebElement changes = waitFor(rita, d -> d.findElement(By.cssSelector("[data-role='watched-changes']")));
        assertThat(changes.getText()).contains(id + " revision 2").contains("ClaimRevised by bob");
        assertThat(rita.findElement(By.cssSelector("[data-role='watches']")).getText())
                .contains("claim c3 in profile " + id).contains("changes by carol");
        assertThat(rita.findElement(By.cssSelector("[data-role='unread-count']")).getText()).isEqualTo("(1)");
        Browsers.screenshot(rita, "watchlist");

        rita.findElement(By.cssSelector("[data-action='mark-read']")).click();
        waitFor(rita, d -> d.findElement(By.cssSelector("[data-role='nothing-new']")));
        open(rita, id);
        rita.findElement(By.cssSelector("[data-action='watch-profile']")).click();
        waitFor(rita, d -> "false".equals(d.findElement(By.cssSelector("[data-action='watch-profile']"))
                .getDomAttribute("aria-pressed")));
    }

    @Test
    void aSaveAnswered409OpensTheConflictViewAndKeepMineSavesOnTheCurrentRevision() {
        expectedConsoleErrors.add("status of 409");
        String id = importSample();
        WebDriver alice = browser("alice");
        open(alice, id);
        claimAction(alice, "c5", "edit");
        bob().put("/api/profiles/" + id + "/claims/c5", Map.of("baseRevision", 1, "summary", "bob's take",
                "text", "Bob thinks international cooperation is overrated."));
        WebElement text = claim(alice, "c5").findElement(By.name("text"));
        text.clear();
        text.sendKeys("Alice says international cooperation is the only way.");
        claimAction(alice, "c5", "save");
        WebElement conflict = waitFor(alice, d -> d.findElement(By.cssSelector("[data-role='conflict']")));
        assertThat(conflict.findElement(By.cssSelector("[data-role='conflict-theirs']")).getText()).contains("bob");
        assertThat(conflict.findElement(By.cssSelector("[data-role='conflict-theirs'] ins")).getText()).contains("Bob");
        assertThat(conflict.findElement(By.cssSelector("[data-role='conflict-mine'] ins")).getText()).contains("Alice");
        assertThat(conflict.findElements(By.cssSelector("ins"))).isNotEmpty();
        assertThat(conflict.findElements(By.cssSelector("del"))).isNotEmpty();
        Browsers.screenshot(alice, "conflict-view");
        conflict.findElement(By.cssSelector("[data-action='keep-mine']")).click();
        waitFor(alice, d -> claimText(d, "c5").equals("Alice says international cooperation is the only way."));
        JsonNode stored = alice().get("/api/profiles/" + id + "?minRevision=3").json();
        assertThat(stored.get("revision").asLong()).isEqualTo(3);
        assertThat(stored.toString()).contains("Alice says international cooperation is the only way.");
    }

    @Test
    void aDroppedSocketSaysReconnectingAndResumesWithoutAGapOrADuplicate() {
        String id = importSample();
        WebDriver alice = browser("alice");
        open(alice, id);
        waitFor(alice, d -> "live".equals(status(d)));
        ((JavascriptExecutor) alice).executeScript("window.palimpsest.live.drop()");
        waitFor(alice, d -> !"live".equals(status(d)));
        for (int i = 1; i <= 3; i++) {
            bob().put("/api/profiles/" + id + "/claims/c" + (10 + i), Map.of("baseRevision", i,
                    "text", "Revised while the socket was down, " + i + "."));
        }
        waitFor(alice, d -> "live".equals(status(d)));
        waitFor(alice, d -> "4".equals(root(d).getDomAttribute("data-revision")));
        for (int i = 1; i <= 3; i++) {
            assertThat(claimText(alice, "c" + (10 + i))).isEqualTo("Revised while the socket was down, " + i + ".");
        }
        bob().put("/api/profiles/" + id + "/claims/c14", Map.of("baseRevision", 4, "text", "And once live again."));
        waitFor(alice, d -> claimText(d, "c14").equals("And once live again."));
        assertThat(root(alice).getDomAttribute("data-revision")).isEqualTo("5");
        assertThat(alice.findElements(By.cssSelector("[data-claim-id='c14']"))).hasSize(1);
    }

    @Test
    void theTimesliderShowsRevisionOnesText() {
        String id = importSample();
        String original = alice().get("/api/profiles/" + id).json().at("/sections/0/claims/2/text").asText();
        alice().put("/api/profiles/" + id + "/claims/c3", Map.of("baseRevision", 1, "text", "Changed at two."));
        WebDriver alice = browser("alice");
        open(alice, id);
        assertThat(claimText(alice, "c3")).isEqualTo("Changed at two.");
        WebElement slider = alice.findElement(By.cssSelector("input[type=range][name=revision]"));
        slider.sendKeys(Keys.HOME);
        waitFor(alice, d -> "1".equals(root(d).getDomAttribute("data-revision")));
        assertThat(claimText(alice, "c3")).isEqualTo(original);
        assertThat(alice.getCurrentUrl()).endsWith("?at=1");
        assertThat(alice.findElements(By.cssSelector("[data-action='edit']"))).isEmpty();
        slider.sendKeys(Keys.END);
        waitFor(alice, d -> "2".equals(root(d).getDomAttribute("data-revision")));
        assertThat(claimText(alice, "c3")).isEqualTo("Changed at two.");
    }

    @Test
    void aReaderSeesEverythingAndNoEditControl() {
        String id = importSample();
        WebDriver rita = browser("rita");
        open(rita, id);
        assertThat(rita.findElements(By.cssSelector("[data-claim-id]"))).hasSize(84);
        for (String action : List.of("edit", "save", "retract", "restore", "move-up", "cite")) {
            assertThat(rita.findElements(By.cssSelector("[data-action='" + action + "']"))).as(action).isEmpty();
        }
        assertThat(rita.findElements(By.cssSelector("[data-action='history']"))).hasSize(84);
        rita.get(baseUrl() + "/");
        waitFor(rita, d -> d.findElement(By.cssSelector("[data-role='profile-list'] li")));
        assertThat(rita.findElements(By.cssSelector("[data-role='import']"))).isEmpty();
    }

    @Test
    void aScriptInAClaimIsShownAsTextAndNeverRuns() {
        String id = importSample();
        String markup = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">";
        alice().post("/api/profiles/" + id + "/sections/whats-absent/claims", Map.of("kind", "BULLET", "text", markup));
        WebDriver alice = browser("alice");
        open(alice, id);
        assertThat(claimText(alice, "c85")).isEqualTo(markup);
        assertThat(((JavascriptExecutor) alice).executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(alice.findElements(By.cssSelector("[data-claim-id='c85'] script, [data-claim-id='c85'] img")))
                .isEmpty();
    }

    @Test
    void aClaimsHistoryAndBlameAreOneClickAway() {
        String id = importSample();
        bob().put("/api/profiles/" + id + "/claims/c2", Map.of("baseRevision", 1, "summary", "trim",
                "text", "AI poses both near-term and long-term risks."));
        assertThat(as("vera").post("/api/profiles/" + id + "/revisions/2/approval", Map.of()).status()).isEqualTo(200);
        for (int i = 0; i < 500 && !as("vera").get("/api/profiles/" + id + "/revisions/2/review").body()
                .contains("APPROVED"); i++) {
            pause();
        }
        WebDriver alice = browser("alice");
        open(alice, id);
        claimAction(alice, "c2", "history");
        WebElement history = waitFor(alice, d -> claim(d, "c2").findElement(By.cssSelector("[data-role='claim-history']")));
        assertThat(history.getText()).contains("bob").contains("trim");
        assertThat(history.findElement(By.cssSelector("[data-revision='2'] [data-role='review-state']")).getText())
                .isEqualTo("· approved by vera");
        assertThat(history.findElement(By.cssSelector("[data-revision='1'] [data-role='review-state']")).getText())
                .isEqualTo("· unreviewed");
        assertThat(history.findElements(By.cssSelector("del"))).isNotEmpty();
        claimAction(alice, "c2", "blame");
        WebElement blame = waitFor(alice, d -> claim(d, "c2").findElement(By.cssSelector("[data-role='blame']")));
        assertThat(blame.getText()).contains("Created by alice").contains("last changed by bob").contains("2 revisions");
    }

    @Test
    void theHistoryPageComparesTwoRevisionsAndTheAuditPageListsAnEditorsEdits() {
        String id = importSample();
        bob().put("/api/profiles/" + id + "/facts/Founded", Map.of("value", "2024 (October)", "summary", "month"));
        WebDriver alice = browser("alice");
        alice.get(baseUrl() + "/profiles/" + id + "/history");
        WebElement row = waitFor(alice, d -> d.findElement(By.cssSelector("tr[data-revision='2']")));
        assertThat(row.getText()).contains("bob").contains("month");
        alice.findElement(By.cssSelector(".history-list button[type=submit]")).click();
        WebElement diff = waitFor(alice, d -> d.findElement(By.cssSelector("[data-role='diff'] ins")));
        assertThat(diff.getText()).contains("(October)");
        alice.get(baseUrl() + "/audit?editor=bob");
        waitFor(alice, d -> d.findElement(By.cssSelector("[data-role='audit'] a[href='/profiles/" + id + "']")));
    }

    @Test
    void anAdminStartsARebuildAndSeesItsProgress() {
        WebDriver ada = browser("ada");
        ada.get(baseUrl() + "/admin");
        waitFor(ada, d -> d.findElement(By.cssSelector("[data-role='replay-progress'] progress")));
        ada.findElement(By.cssSelector("[data-action='start-replay']")).click();
        // A rebuild of everything the shared test context stored by now: longer than a page's usual wait.
        WebDriverWait rebuild = new WebDriverWait(ada, Duration.ofSeconds(90));
        rebuild.ignoring(RuntimeException.class).until(d -> d.findElement(
                By.cssSelector("[data-role='replay-progress']")).getText().contains("Last rebuild finished"));
        Browsers.screenshot(ada, "admin-rebuild");
        // The test context is shared: later tests read history, which answers 503 until both processors are live.
        rebuild.until(d -> !as("ada").get("/api/admin/replay").body().contains("\"replaying\":true"));
    }

    @Test
    void textTypedBeforeAReloadIsOfferedBackAsADraft() {
        String id = importSample();
        WebDriver alice = browser("alice");
        open(alice, id);
        claimAction(alice, "c7", "edit");
        WebElement text = claim(alice, "c7").findElement(By.name("text"));
        text.sendKeys(" Typed, never saved.");
        alice.navigate().refresh();
        waitFor(alice, d -> d.findElement(By.cssSelector("[data-claim-id='c7'] [data-role='draft-restored']")));
        assertThat(claim(alice, "c7").findElement(By.name("text")).getDomProperty("value")).endsWith("Typed, never saved.");
        claimAction(alice, "c7", "cancel");
        alice.navigate().refresh();
        waitFor(alice, d -> "live".equals(status(d)));
        assertThat(alice.findElements(By.cssSelector("[data-claim-id='c7'] textarea"))).isEmpty();
    }

    @Test
    void aClaimRetractedBeforeThePageOpenedIsShownOnRequestInItsPlaceAndRestored() {
        String id = importSample();
        String text = alice().get("/api/profiles/" + id).json().at("/sections/0/claims/3/text").asText();
        assertThat(bob().delete("/api/profiles/" + id + "/claims/c4").status()).isEqualTo(200);
        WebDriver alice = browser("alice");
        open(alice, id);
        assertThat(alice.findElements(By.cssSelector("[data-claim-id='c4']"))).isEmpty();
        assertThat(alice.findElement(By.cssSelector("[data-role='retracted-count']")).getText()).isEqualTo("(1)");

        alice.findElement(By.cssSelector("[data-action='show-retracted']")).click();
        WebElement retracted = waitFor(alice, d -> d.findElement(By.cssSelector("[data-claim-id='c4'].retracted")));
        assertThat(retracted.getText()).contains("Retracted by bob in revision 2");
        assertThat(claimText(alice, "c4")).isEqualTo(text);
        assertThat(claimOrder(alice).indexOf("c4")).isEqualTo(claimOrder(alice).indexOf("c3") + 1);
        Browsers.screenshot(alice, "retracted-claim");

        claimAction(alice, "c4", "restore");
        waitFor(alice, d -> claim(d, "c4").findElement(By.cssSelector("[data-action='edit']")));
        assertThat(claimOrder(alice).indexOf("c4")).isEqualTo(claimOrder(alice).indexOf("c3") + 1);
        assertThat(alice.findElement(By.cssSelector("[data-role='retracted-count']")).getText()).isEqualTo("(0)");
        assertThat(alice().get("/api/profiles/" + id + "/retracted-claims?minRevision=3").json()).isEmpty();
    }

    @Test
    void anEditorRevisesAClaimWithTheKeyboardAlone() {
        String id = importSample();
        WebDriver alice = browser("alice");
        open(alice, id);
        WebElement edit = claim(alice, "c1").findElement(By.cssSelector("[data-action='edit']"));
        for (int presses = 0; presses < 150 && !edit.equals(alice.switchTo().activeElement()); presses++) {
            new Actions(alice).sendKeys(Keys.TAB).perform();
        }
        assertThat(alice.switchTo().activeElement()).as("Tab reaches the first claim's Edit").isEqualTo(edit);
        assertThat(edit.isDisplayed()).as("a focused claim shows its controls").isTrue();
        assertThat(edit.getCssValue("outline-style")).as("focus is visible").isEqualTo("solid");

        new Actions(alice).sendKeys(Keys.ENTER).perform();
        WebElement text = waitFor(alice, d -> claim(d, "c1").findElement(By.name("text")));
        assertThat(alice.switchTo().activeElement()).isEqualTo(text);
        new Actions(alice).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL)
                .sendKeys("Typed without a mouse.").sendKeys(Keys.TAB).sendKeys("keyboard only")
                .keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
        waitFor(alice, d -> claimText(d, "c1").equals("Typed without a mouse."));
        JsonNode last = alice().get("/api/profiles/" + id + "/claims/c1/history?minRevision=2").json();
        assertThat(last.get(last.size() - 1).get("summary").asText()).isEqualTo("keyboard only");

        WebElement again = claim(alice, "c1").findElement(By.cssSelector("[data-action='edit']"));
        ((JavascriptExecutor) alice).executeScript("arguments[0].focus()", again);
        new Actions(alice).sendKeys(Keys.ENTER).perform();
        waitFor(alice, d -> claim(d, "c1").findElement(By.name("text")));
        new Actions(alice).sendKeys(Keys.ESCAPE).perform();
        waitFor(alice, d -> claim(d, "c1").findElements(By.name("text")).isEmpty());
        assertThat(alice.switchTo().activeElement().getDomAttribute("data-action")).as("focus back on Edit")
                .isEqualTo("edit");
    }

    @Test
    void onAPhoneThePageFitsTheWidthAndATapShowsAClaimsControls() {
        String id = importSample();
        WebDriver bob = browser("bob");
        Dimension laptop = bob.manage().window().getSize();
        bob.manage().window().setSize(new Dimension(390, 844));
        try {
            open(bob, id);
            JavascriptExecutor page = (JavascriptExecutor) bob;
            assertThat((Boolean) page.executeScript(
                    "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                    .as("nothing wider than the phone").isTrue();
            Browsers.screenshot(bob, "phone-width");
            WebElement edit = claim(bob, "c3").findElement(By.cssSelector("[data-action='edit']"));
            assertThat(edit.isDisplayed()).isFalse();
            claim(bob, "c3").findElement(By.cssSelector("[data-role='claim-text']")).click();
            waitFor(bob, d -> edit.isDisplayed());
            page.executeScript("arguments[0].scrollIntoView({block: 'center'})", claim(bob, "c3"));
            Browsers.screenshot(bob, "phone-claim-controls");
        } finally {
            bob.manage().window().setSize(laptop);
        }
    }

    @Test
    void aRefusedImportShowsTheProblemUnderTheTextWithItsLineSelected() {
        expectedConsoleErrors.add("status of 422");
        WebDriver alice = browser("alice");
        alice.get(baseUrl() + "/");
        WebElement text = waitFor(alice, d -> d.findElement(By.cssSelector("[data-role='import'] textarea[name=text]")));
        ((JavascriptExecutor) alice).executeScript("arguments[0].value = arguments[1]", text,
                "Acme Research\nAI safety lab\n\nFounded\n2020\n\nA stray sentence, not a fact.\n");
        alice.findElement(By.cssSelector("[data-action='import']")).click();
        WebElement problem = waitFor(alice, d -> d.findElement(By.cssSelector("[data-role='import-problem']:not(:empty)")));
        assertThat(problem.getText()).startsWith("Not imported: Line 7 ");
        assertThat(text.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(((JavascriptExecutor) alice).executeScript(
                "const t = arguments[0]; return t.value.substring(t.selectionStart, t.selectionEnd)", text))
                .isEqualTo("A stray sentence, not a fact.");
        assertThat(alice.getCurrentUrl()).isEqualTo(baseUrl() + "/");
        Browsers.screenshot(alice, "import-problem");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private WebDriver browser(String user) {
        return BROWSERS.computeIfAbsent(user, name -> Browsers.signedIn(baseUrl(), name));
    }

    private String importSample() {
        String id = "web-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Answer answer = alice().postText("/api/profiles/import?id=" + id, "text/plain", sample());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return id;
    }

    private static synchronized String sample() {
        if (sample == null) {
            try (InputStream in = WebEditorTest.class.getClassLoader()
                    .getResourceAsStream("samples/000_9766725a61e7e7e5.txt")) {
                sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return sample;
    }

    private void open(WebDriver driver, String id) {
        driver.get(baseUrl() + "/profiles/" + id);
        waitFor(driver, d -> d.findElement(By.cssSelector("article[data-profile-id='" + id + "'][data-revision]")));
        waitFor(driver, d -> "live".equals(status(d)));
    }

    private static String status(WebDriver driver) {
        return driver.findElement(By.cssSelector("[data-role='live-status']")).getDomAttribute("data-state");
    }

    private static WebElement root(WebDriver driver) {
        return driver.findElement(By.cssSelector("article[data-profile-id]"));
    }

    private static WebElement claim(WebDriver driver, String claimId) {
        return driver.findElement(By.cssSelector("[data-claim-id='" + claimId + "']"));
    }

    private static List<String> claimOrder(WebDriver driver) {
        return driver.findElements(By.cssSelector("[data-claim-id]")).stream()
                .map(element -> element.getDomAttribute("data-claim-id")).toList();
    }

    private static String claimText(WebDriver driver, String claimId) {
        return claim(driver, claimId).findElement(By.cssSelector("[data-role='claim-text']")).getText();
    }

    /** Controls show on hover or focus; a keyboard user and this test reach them all the same. */
    private static void claimAction(WebDriver driver, String claimId, String action) {
        WebElement button = waitFor(driver, d -> claim(d, claimId).findElement(By.cssSelector("[data-action='" + action + "']")));
        ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", button);
        button.click();
    }

    private static <T> T waitFor(WebDriver driver, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(RuntimeException.class).until(condition::apply);
    }
}
