package org.sanke.loadtest;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.sanke.loadtest.browser.Chromium;

/**
 * A program from a Debian package that a test needs. Where it is missing the test is skipped on a developer's
 * machine, but fails when the environment variable {@code CI} is set (as CI sets it): there .ci/run installs it, and
 * a green run that skipped the browser or Janus tests would hide that it did not. Shared with the server module's
 * end-to-end tests through this module's test jar.
 *
 * <p>{@code -Dsanke.requiredTool.NAME=PATH} (NAME the file name, e.g. {@code chromium}) checks PATH instead, to see
 * what a machine without the program gets.
 */
public final class RequiredTool {
    private RequiredTool() {
    }

    /** Debian's chromium and chromedriver, which the end-to-end tests and the join benchmark drive. */
    public static void requireChromium() {
        require(Chromium.BINARY, "chromium");
        require(Chromium.DRIVER, "chromium-driver");
    }

    /** Returns when {@code executable} is there; otherwise skips the test, or fails it when CI is set. */
    public static void require(Path executable, String debianPackage) {
        Path checked = Path.of(System.getProperty("sanke.requiredTool." + executable.getFileName(),
                executable.toString()));
        if (Files.isExecutable(checked)) {
            return;
        }
        String missing = checked + " is missing: install Debian's " + debianPackage + " package (apt-get install "
                + debianPackage + "; .ci/run installs it)";
        if (onCi()) {
            Assertions.fail("CI is set, so this test must run, but " + missing);
        }
        Assumptions.abort("skipped: " + missing + "; with CI set this fails");
    }

    private static boolean onCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }
}
