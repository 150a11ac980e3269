package io.palimpsest.review;

import io.palimpsest.api.ServiceTest;
import io.palimpsest.web.Browsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The citation report's pages in a real browser: a READER goes from the profile to its citations, from a problem to
 * its claim on the profile page, and from the header to the report across profiles, filtered by kind.
 */
class CitationPagesTest extends ServiceTest {

    @Test
    void aReaderFollowsTheReportFromTheProfileToItsProblemsAndFromAProblemToItsClaim() {
        String profile = CitingProfile.importedBy(alice());
        WebDriver rita = Browsers.signedIn(baseUrl(), "rita");
        try {
            rita.get(baseUrl() + "/profiles/" + profile);
            waitFor(rita, d -> d.findElement(By.cssSelector("a[data-role='citations-link']"))).click();
            waitFor(rita, d -> d.findElement(By.cssSelector("[data-role='citation-counts']")));
            assertThat(rita.getCurrentUrl()).endsWith("/profiles/" + profile + "/citations");
            assertThat(rita.findElement(By.tagName("h1")).getText()).isEqualTo("Citations: " + CitingProfile.NAME);
            assertThat(rita.findElement(By.cssSelector("[data-role='citation-counts']")).getText())
                    .isEqualTo("Revision 6: 1 uncited claim, 1 citation of a removed source, 3 unused sources, "
                            + "1 duplicate source, 1 non-http(s) URL.");
            assertThat(problems(rita, "uncited-claim")).singleElement().asString()
                    .startsWith("What They Do: An uncited claim");
            assertThat(problems(rita, "dangling-citation")).singleElement().asString()
                    .contains("Strengths: Cites a source removed").endsWith("cites s5, which the profile no longer has");
            assertThat(problems(rita, "unused-source")).containsExactly(
                    "[2] First again HTTPS://Example.org/a/#top", "[3] A file server ftp://files.example.org/report.pdf",
                    "[4] Only a site");
            assertThat(problems(rita, "duplicate-source")).containsExactly(
                    "[2] First again HTTPS://Example.org/a/#top same URL as [1] First");
            assertThat(problems(rita, "non-http-url")).containsExactly(
                    "[3] A file server ftp://files.example.org/report.pdf");
            Browsers.screenshot(rita, "citations-profile");

            rita.findElement(By.cssSelector("li[data-problem-kind='dangling-citation'] a")).click();
            WebElement claim = waitFor(rita, d -> d.findElement(By.cssSelector("#claim-orphan.targeted")));
            assertThat(rita.getCurrentUrl()).endsWith("/profiles/" + profile + "#claim-orphan");
            assertThat(((JavascriptExecutor) rita).executeScript("return document.activeElement.id"))
                    .isEqualTo("claim-orphan");
            assertThat(claim.getText()).contains("Cites a source removed while it was retracted.");
            Browsers.screenshot(rita, "citations-claim-shown");
            rita.navigate().back();
            waitFor(rita, d -> d.findElement(By.cssSelector("li[data-problem-kind='duplicate-source'] a"))).click();
            waitFor(rita, d -> d.findElement(By.cssSelector("#source-s2.targeted")));

            rita.findElement(By.cssSelector("nav[aria-label='Site']")).findElement(By.linkText("Citations")).click();
            waitFor(rita, d -> d.findElement(By.cssSelector("[data-role='citation-totals']")));
            assertThat(rita.findElement(By.cssSelector("[data-role='citation-totals']")).getText())
                    .matches("\\d+ profiles?, \\d+ with problems: .*");
            Browsers.screenshot(rita, "citations-across-profiles");
            new Select(rita.findElement(By.name("kind"))).selectByVisibleText("Citations of removed sources");
            rita.findElement(By.cssSelector("form[data-role='citation-filter'] button[type=submit]")).click();
            // Only the filtered page says how many profiles match: the page before it may show the profile too.
            waitFor(rita, d -> d.findElement(By.cssSelector("[data-role='citation-matching']")));
            WebElement entry = rita.findElement(By.cssSelector("section[data-profile-id='" + profile + "']"));
            assertThat(rita.getCurrentUrl()).endsWith("/citations?kind=dangling-citation");
            assertThat(entry.findElements(By.cssSelector("li[data-problem-kind]"))).singleElement()
                    .extracting(WebElement::getText).asString().contains("cites s5");
            assertThat(entry.findElement(By.cssSelector("[data-role='citation-counts']")).getText())
                    .isEqualTo("1 uncited claim, 1 citation of a removed source, 3 unused sources, 1 duplicate source, "
                            + "1 non-http(s) URL");
            assertThat(rita.findElement(By.cssSelector("[data-role='citation-matching']")).getText())
                    .matches("\\d+ profiles? ha(s|ve) citations of removed sources, most first\\.");
            Browsers.screenshot(rita, "citations-across-filtered");
            entry.findElement(By.linkText(CitingProfile.NAME)).click();
            waitFor(rita, d -> d.findElement(By.cssSelector("[data-role='citation-counts']")));
            assertThat(rita.getCurrentUrl()).endsWith("/profiles/" + profile + "/citations");
            assertThat(Browsers.consoleErrors(rita)).isEmpty();
        } finally {
            rita.quit();
        }
    }

    private static List<String> problems(WebDriver driver, String kind) {
        return driver.findElements(By.cssSelector("li[data-problem-kind='" + kind + "']")).stream()
                .map(WebElement::getText).toList();
    }

    private static <T> T waitFor(WebDriver driver, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(RuntimeException.class).until(condition::apply);
    }
}
