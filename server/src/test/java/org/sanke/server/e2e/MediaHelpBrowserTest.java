package org.sanke.server.e2e;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;

/**
 * Where the camera cannot start, the classroom page says why and what to do, in the page's language, instead of a
 * browser's exception: a page over plain HTTP on the school's network, a camera the browser was refused.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MediaHelpBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(30);

    private SankeServer.DemoLinks startOnEveryAddress() throws Exception {
        SankeOptions loopback = TestLessons.onLoopback("media-help");
        server = SankeServer.start(new SankeOptions("0.0.0.0", 0, 0, List.of("127.0.0.1"), 1, true,
                loopback.databaseUrl(), "sa", ""));
        return server.demoLinks().orElseThrow();
    }

    @Test
    void aPageOverPlainHttpOnTheSchoolNetworkSaysItNeedsHttps() throws Exception {
        RequiredTool.requireChromium();
        String lan = lanAddress();
        SankeServer.DemoLinks demo = startOnEveryAddress();
        String overLan = demo.classroom().replace("127.0.0.1", lan) + "&lang=en";
        BrowserPage page = keep(BrowserPage.open("classroom over the LAN", overLan));
        page.await("the page to say it needs HTTPS", GUARD, p -> String.valueOf(p.text("#status"))
                .contains("must be opened over HTTPS"));
    }

    @Test
    void aRefusedCameraIsExplainedWithWhatToDo() throws Exception {
        RequiredTool.requireChromium();
        SankeServer.DemoLinks demo = startOnEveryAddress();
        BrowserPage page = keep(BrowserPage.openRefusingCamera("classroom without a camera",
                demo.classroom() + "&lang=zh"));
        page.await("the refusal explained, in Chinese", GUARD, p -> String.valueOf(p.text("#status"))
                .contains("允许摄像头和麦克风"));
    }

    /** This machine's first non-loopback IPv4 address: to a browser, a page there over HTTP is not secure. */
    private static String lanAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    return address.getHostAddress();
                }
            }
        }
        throw new AssertionError("this machine has no non-loopback IPv4 address to open the page at");
    }
}
