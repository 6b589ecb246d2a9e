package org.sanke.loadtest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the tool asks of the server over plain HTTP: a lesson through the REST API, and its /metrics text. */
public final class ServerHttp {
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private final HttpClient http;
    private final URI server;

    public ServerHttp(HttpClient http, URI server) {
        this.http = http;
        this.server = server;
    }

    public HttpClient client() {
        return http;
    }

    public URI server() {
        return server;
    }

    /** Fails with a clear message unless the server answers its health check. */
    public void requireReachable() throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(server.resolve("/health")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw unreachable();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the server at " + server + " is not healthy: " + response.statusCode()
                    + " " + response.body());
        }
    }

    private IllegalStateException unreachable() {
        return new IllegalStateException("cannot reach the server at " + server
                + " (connection refused): is it running?");
    }

    /** Creates a lesson ({@code POST /api/lessons}) and returns its id; a clear message when that cannot be done. */
    public String createLesson(String title, String mode, int maxClassrooms) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(server.resolve("/api/lessons"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"mode\":\"" + mode
                            + "\"" + (maxClassrooms > 0 ? ",\"maxClassrooms\":" + maxClassrooms : "") + "}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw unreachable();
        }
        Matcher id = ID.matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("the server refused to create the lesson: " + response.statusCode() + " "
                    + response.body());
        }
        return id.group(1);
    }

    /** The server's /metrics text; empty when there is none (Janus) or it did not answer within 2 s. */
    public String metricsText() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.resolve("/metrics"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException | RuntimeException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
