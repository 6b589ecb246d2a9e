package org.sanke.server.e2e;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.sanke.server.SankeServer;

/** What a browser test holds: a server and the pages it opened, all closed after each test. */
abstract class BrowserLessonTest {
    protected SankeServer server;
    private final List<BrowserPage> pages = new ArrayList<>();

    @AfterEach
    void closePagesAndServer() throws Exception {
        pages.forEach(BrowserPage::close);
        pages.clear();
        beforeServerCloses();
        if (server != null) {
            server.close();
        }
        afterServer();
    }

    /** What must happen before the server closes (e.g. let a frozen database run again). */
    protected void beforeServerCloses() throws Exception {
    }

    /** What a test started beside the server, closed after it. */
    protected void afterServer() throws Exception {
    }

    /** A page of the server, in a browser of its own (autoplay allowed, as a kiosk). */
    protected BrowserPage open(String label, String path) throws Exception {
        return keep(BrowserPage.open(label, server.baseUrl() + TestLessons.withGrant(server, path)));
    }

    protected BrowserPage keep(BrowserPage page) {
        pages.add(page);
        return page;
    }
}
