package se.leka.admin;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A fresh headless Chromium per test (profile and download folder of its own), quit afterwards. */
abstract class BrowserTest {

    @TempDir
    Path profile;
    @TempDir
    Path downloads;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        HeadlessChromium.assumeInstalled();
        browser = HeadlessChromium.start(profile, downloads);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }
}
