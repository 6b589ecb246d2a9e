package org.sanke.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server with its embedded default store: a restart loses no lesson, and the demo lesson is made once. */
class SankeServerRestartTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRestartLosesNoLesson(@TempDir Path dir) throws Exception {
        SankeOptions options = new SankeOptions("127.0.0.1", 0, 0, List.of("127.0.0.1"), 1, true,
                "jdbc:h2:file:" + dir.resolve("sanke"), "sa", "");
        String id;
        try (SankeServer server = SankeServer.start(options)) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                            + "/api/lessons")).POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Kept\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        }
        try (SankeServer again = SankeServer.start(options)) {
            String lessons = http.send(HttpRequest.newBuilder(URI.create(again.baseUrl() + "/api/lessons")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(lessons).contains(id, "Kept", "\"id\":\"demo\"");
            assertThat(lessons.split("\"id\":\"demo\"", -1)).as("the demo lesson exists once").hasSize(2);
        }
    }
}
