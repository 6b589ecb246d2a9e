package org.sanke.server;

import org.sanke.server.e2e.TestLessons;

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
    void aRestartLosesNoLessonNoSessionAndNoLink(@TempDir Path dir) throws Exception {
        SankeOptions options = new SankeOptions("127.0.0.1", 0, 0, List.of("127.0.0.1"), 1, true,
                "jdbc:h2:file:" + dir.resolve("sanke"), "sa", "")
                .withAccess(AccessOptions.defaults().withGrantKeyFile(dir.resolve("grant-keys")));
        String id;
        String cookie;
        String demoClassroom;
        try (SankeServer server = SankeServer.start(options)) {
            cookie = TestLessons.adminCookie(server);
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                            + "/api/lessons")).header("Cookie", cookie)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Kept\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            demoClassroom = server.demoLinks().orElseThrow().classroom();
        }
        assertThat(dir.resolve("grant-keys")).as("the grant key is kept").exists();
        try (SankeServer again = SankeServer.start(options)) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create(again.baseUrl() + "/api/lessons"))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("a restart signs nobody out").isEqualTo(200);
            String lessons = http.send(HttpRequest.newBuilder(URI.create(again.baseUrl() + "/api/lessons"))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(lessons).contains(id, "Kept", "\"id\":\"demo\"");
            assertThat(lessons.split("\"id\":\"demo\"", -1)).as("the demo lesson exists once").hasSize(2);
            String grant = demoClassroom.replaceAll(".*grant=", "");
            assertThat(again.domain().access().grants().check(grant, "demo", org.sanke.classroom.Role.CLASSROOM))
                    .as("links printed before the restart still open the lesson")
                    .isInstanceOf(org.sanke.classroom.access.GrantCheck.Valid.class);
        }
    }
}
