package org.sanke.loadtest.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's Chromium, headless, with a fake camera and microphone, through Debian's chromedriver, so that
 * Selenium never tries to download a browser (this machine is offline).
 */
public final class Chromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    /** A new browser with its own empty profile. */
    public static ChromeDriver start() throws IOException {
        return start(new ChromeOptions());
    }

    /**
     * A new browser that keeps Chromium's own autoplay rules, as a person's browser does: no sound starts before a
     * click on a page that has no camera open. The others start with autoplay allowed, as a kiosk would.
     */
    public static ChromeDriver startWithAutoplayRules() throws IOException {
        return start(new ChromeOptions(), false);
    }

    /** A new browser whose fake camera plays {@code y4m} (looped) instead of Chromium's own test pattern. */
    public static ChromeDriver startWithCamera(Path y4m) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--use-file-for-fake-video-capture=" + y4m.toAbsolutePath());
        return start(options);
    }

    /** A new browser in which the person said no: every permission prompt (camera, microphone) is denied. */
    public static ChromeDriver startRefusingPermissions() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--deny-permission-prompts");
        return start(options, true, false);
    }

    /**
     * A new browser that trusts exactly one more certificate, as a classroom machine on which it was installed:
     * Chromium accepts a server certificate whose public key has this SHA-256 and no other unknown one.
     */
    public static ChromeDriver start(X509Certificate trusted) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--ignore-certificate-errors-spki-list=" + publicKeySha256(trusted));
        return start(options);
    }

    private static ChromeDriver start(ChromeOptions options) throws IOException {
        return start(options, true);
    }

    private static ChromeDriver start(ChromeOptions options, boolean autoplayAllowed) throws IOException {
        return start(options, autoplayAllowed, true);
    }

    /** @param grantMedia whether the camera and microphone are given without a prompt (else the prompt decides) */
    private static ChromeDriver start(ChromeOptions options, boolean autoplayAllowed, boolean grantMedia)
            throws IOException {
        options.setBinary(BINARY.toFile());
        if (grantMedia) {
            options.addArguments("--use-fake-ui-for-media-stream");
        }
        if (autoplayAllowed) {
            options.addArguments("--autoplay-policy=no-user-gesture-required");
        }
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--use-fake-device-for-media-stream",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("sanke-chromium").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo, the form Chromium's SPKI list takes. */
    static String publicKeySha256(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getPublicKey().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
