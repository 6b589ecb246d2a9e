package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;

/** What the end-to-end tests share: a server on loopback with an in-memory database, and lessons made over REST. */
final class TestLessons {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestLessons() {
    }

    /** Any free ports, one media loop, no demo lesson, a private H2 database in memory. */
    static SankeOptions onLoopback(String name) {
        return new SankeOptions("127.0.0.1", 0, 0, List.of("127.0.0.1"), 1, false,
                "jdbc:h2:mem:" + name + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** Creates a lesson through the REST API with this JSON body; returns its id. */
    static String create(SankeServer server, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/api/lessons")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }
}
