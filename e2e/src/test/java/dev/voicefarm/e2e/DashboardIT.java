package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.or;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.common.testing.LocalStack;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator's dashboard ({@code /dashboard/} on the gateway) in real headless Chromium, driven by
 * Selenium against the test stack: log-in with the admin key, the fleet, a synthesis said from the
 * voices page and played, a job followed live in the jobs view, a voice trained from an uploaded
 * zip with its progress bar, and the dead letters. Screenshots of the views go to
 * {@code e2e/target/screenshots/}, or where {@code FARM_SCREENSHOT_DIR} says: the README's pictures are
 * refreshed with {@code FARM_SCREENSHOT_DIR=$PWD/docs/screenshots ./farm test -Dit.test=DashboardIT}. Needs {@code chromium} and {@code chromium-driver} (./farm test
 * installs them); the driver's path is given, so Selenium Manager, which would download one, never runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    private static final Duration SHORT = Duration.ofSeconds(15);
    /** A synthesis job, from the click to SUCCEEDED. */
    private static final Duration JOB = Duration.ofSeconds(60);
    private static final Duration TRAINING = Duration.ofMinutes(5);
    /** Epochs enough that the progress bar is seen between 0 and 100 % (60 take a few seconds here). */
    private static final int EPOCHS = 60;
    private static final Path SCREENSHOTS = Path.of(Optional.ofNullable(System.getenv("FARM_SCREENSHOT_DIR"))
            .orElse(Path.of("target", "screenshots").toString()));

    @TempDir
    static Path chromeProfile;

    private static WebDriver browser;

    @BeforeAll
    static void startChromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--autoplay-policy=no-user-gesture-required", "--window-size=1400,1000",
                "--user-data-dir=" + chromeProfile);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void quitChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static By testid(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    /** Waits on conditions, never for a fixed time; the views redraw, so a stale element is looked up again. */
    private static WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout, Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static <T> T await(ExpectedCondition<T> condition) {
        return waiting(SHORT).until(condition);
    }

    private static JavascriptExecutor script() {
        return (JavascriptExecutor) browser;
    }

    private static void logIn(String key) {
        WebElement input = await(visibilityOfElementLocated(testid("login-key")));
        input.clear();
        input.sendKeys(key);
        browser.findElement(testid("login-submit")).click();
    }

    /** Opens a view by its route ({@code fleet}, {@code job/<id>}, ...), logging in with the admin key when asked to. */
    private static void show(String route) {
        By view = testid("view-" + route.replaceFirst("/.*", ""));
        browser.get(LocalStack.gatewayUrl() + "/dashboard/#/" + route);
        await(or(visibilityOfElementLocated(testid("login-key")), presenceOfElementLocated(view)));
        if (browser.findElement(testid("login-key")).isDisplayed()) {
            logIn(LocalStack.adminKey());
        }
        await(presenceOfElementLocated(view));
    }

    /** Marks the page: the mark survives everything but a reload, which live updates must not need. */
    private static void markPage() {
        script().executeScript("window.notReloaded = true");
    }

    private static void assertNotReloaded() {
        assertEquals(Boolean.TRUE, script().executeScript("return window.notReloaded === true"), "the page was reloaded");
    }

    private static void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(1)
    void badKeysAreRefusedWithTheGatewaysMessageAndTheAdminKeyLogsIn() {
        browser.get(LocalStack.gatewayUrl() + "/dashboard/");
        logIn("vf_aaaaaaaaaaaa_not-a-real-secret");
        await(textToBePresentInElementLocated(testid("login-error"), "not valid"));

        logIn(LocalStack.apiKey());
        await(textToBePresentInElementLocated(testid("login-error"), "needs an admin key"));

        logIn(LocalStack.adminKey());
        await(presenceOfElementLocated(testid("view-fleet")));
        assertFalse(browser.findElement(testid("login-key")).isDisplayed());
        assertTrue(browser.findElement(testid("login-error")).getText().isEmpty());
    }

    @Test
    @Order(2)
    void fleetShowsACardPerLiveClassAndBadgesSimulatedWorkers() throws Exception {
        show("fleet");
        JsonNode fleet = FarmClient.admin().get("/v1/fleet").json();
        for (JsonNode route : fleet.path("classes")) {
            if (route.path("liveWorkers").asInt() > 0) {
                await(presenceOfElementLocated(By.cssSelector("[data-testid='class-card'][data-class='"
                        + route.path("hardwareClass").asText() + "']")));
            }
        }
        boolean sawSimulated = false;
        for (JsonNode worker : fleet.path("workers")) {
            String row = "[data-testid='worker-row'][data-worker-id='" + worker.path("workerId").asText() + "']";
            await(presenceOfElementLocated(By.cssSelector(row)));
            boolean simulated = worker.path("simulated").asBoolean();
            assertEquals(simulated, !browser.findElements(By.cssSelector(row + " [data-testid='simulated-badge']")).isEmpty(),
                    worker.path("workerId").asText());
            sawSimulated |= simulated;
        }
        assertTrue(sawSimulated, "the test stack runs simulated workers: " + fleet.path("workers"));
        screenshot("fleet");
    }

    @Test
    @Order(3)
    void jobsViewShowsAJobReachSucceededWithoutReload() throws Exception {
        show("jobs");
        // The stream follows changes from when the gateway took it: the job is submitted after that.
        waiting(JOB).until(attributeToBe(testid("live"), "data-state", "open"));
        markPage();
        FarmClient.Reply submitted = FarmClient.dev().postJson("/v1/synthesis", "{\"text\": \"Watched from the jobs view.\"}");
        assertEquals(202, submitted.status(), submitted.text());
        String id = submitted.json().path("id").asText();

        waiting(JOB).until(textToBe(By.cssSelector("[data-testid='jobs-table-row'][data-job-id='" + id
                + "'] [data-testid='job-status']"), "SUCCEEDED"));
        assertNotReloaded();
        screenshot("jobs");
    }

    @Test
    @Order(4)
    void uploadedDatasetTrainsAVoiceWithItsProgressBarFilling(@TempDir Path dir) throws Exception {
        Path zip = GeneratedDataset.make(dir);
        show("training");
        browser.findElement(testid("dataset-file")).sendKeys(zip.toAbsolutePath().toString());
        browser.findElement(testid("dataset-upload")).click();
        await(visibilityOfElementLocated(testid("dataset-info")));
        browser.findElement(testid("training-name")).sendKeys("Dashboard narrator");
        WebElement epochs = browser.findElement(testid("training-epochs"));
        epochs.clear();
        epochs.sendKeys(Integer.toString(EPOCHS));
        await(elementToBeClickable(testid("training-start"))).click();
        String id = await(presenceOfElementLocated(testid("training-submitted"))).getDomAttribute("data-job-id");

        String row = "[data-testid='trainings-table-row'][data-job-id='" + id + "']";
        By bar = By.cssSelector(row + " progress");
        By status = By.cssSelector(row + " [data-testid='job-status']");
        List<Double> seen = new ArrayList<>();
        String finished = waiting(TRAINING).until(page -> {
            String value = page.findElement(bar).getDomAttribute("value"); // none while no epoch is done
            if (value != null && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(Double.valueOf(value)))) {
                seen.add(Double.valueOf(value));
            }
            String text = page.findElement(status).getText();
            return text.matches("SUCCEEDED|FAILED|CANCELLED") ? text : null;
        });
        assertEquals("SUCCEEDED", finished, "progress seen: " + seen);
        assertTrue(seen.stream().anyMatch(percent -> percent > 0 && percent < 100), "the bar between 0 and 100 %: " + seen);
        assertEquals(seen.stream().sorted().toList(), seen, "the bar never goes back");
        assertEquals(100.0, seen.get(seen.size() - 1), "the bar at completion");
        screenshot("training");
    }

    private List<String> statusEvents() {
        return browser.findElements(By.cssSelector("[data-testid='job-event'][data-event='status']"))
                .stream().map(event -> event.getDomAttribute("data-status")).toList();
    }

    @Test
    @Order(5)
    void saidFromTheVoicesPageTheJobSucceedsLiveAndItsAudioPlays() throws Exception {
        show("voices");
        await(presenceOfElementLocated(testid("voices-table")));
        screenshot("voices");
        browser.findElement(testid("say-text")).sendKeys("Hello from the operator's dashboard.");
        new Select(browser.findElement(testid("say-voice"))).selectByValue(""); // the base voice
        markPage();
        browser.findElement(testid("say-submit")).click();

        await(urlContains("#/job/"));
        waiting(JOB).until(textToBe(testid("job-status"), "SUCCEEDED"));
        assertNotReloaded();
        // The job's fields are read again at each status event and may show SUCCEEDED before its own event is listed.
        waiting(SHORT).until(page -> statusEvents().size() >= 3);
        assertEquals(List.of("QUEUED", "RUNNING", "SUCCEEDED"), statusEvents());

        WebElement audio = await(presenceOfElementLocated(testid("job-audio")));
        assertTrue(audio.getDomAttribute("src").startsWith("http://127.0.0.1"), audio.getDomAttribute("src"));
        assertEquals("playing", script().executeScript("return arguments[0].play().then(() => 'playing')", audio));
        await(page -> (Boolean) script().executeScript("return arguments[0].currentTime > 0 && arguments[0].duration > 0", audio));
        screenshot("job");
    }

    @Test
    @Order(6)
    void deadLettersViewLoads() {
        show("dlq");
        await(presenceOfElementLocated(testid("dlq-table")));
        assertTrue(browser.findElements(testid("view-error")).isEmpty());
    }
}
