package org.sanke.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;

/**
 * The reference checker for the moderation hook (docs/moderation.md): a small HTTP service that judges each picture
 * by colour rules, e.g. "cut off when at least 60% of the picture is close to #ff0000". It shows the webhook's
 * contract working end to end; a school's operator replaces it with a real classifier behind the same contract.
 * {@code GET /checks} lists the last pictures' contexts and verdicts, for the operator and the tests.
 */
public final class ReferencePictureChecker implements AutoCloseable {
    static final String USAGE = """
            Usage: ./sanke picture-checker [--port=PORT] [--bind=ADDRESS] [RULE ...]
              RULE: --cut-off=RRGGBB:SHARE or --flag=RRGGBB:SHARE, e.g. --cut-off=ff0000:0.6: that verdict when at
                    least SHARE (0 to 1) of the picture's pixels are within --tolerance (default 60) of the colour
              Then start the server with --picture-checker=http://ADDRESS:PORT/check
            """;
    private static final int MAX_BODY = 2 << 20;
    private static final int KEPT = 100;

    /** One colour rule: its verdict when enough of the picture is near its colour. */
    public record Rule(String verdict, int rgb, double share) {
        /** {@code verdict} ("cut_off" or "flag") when SHARE of the picture is near RRGGBB ({@code text}). */
        public static Rule parse(String verdict, String text) {
            String[] parts = text.split(":");
            if (parts.length != 2 || !parts[0].matches("[0-9A-Fa-f]{6}")) {
                throw new IllegalArgumentException("a rule is RRGGBB:SHARE, not '" + text + "'");
            }
            double share = Double.parseDouble(parts[1]);
            if (!(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("a rule's share is above 0 and at most 1: " + parts[1]);
            }
            return new Rule(verdict, Integer.parseInt(parts[0], 16), share);
        }
    }

    private final HttpServer http;
    private final List<Rule> rules;
    private final int tolerance;
    private final ObjectMapper json = new ObjectMapper();
    private final Deque<ObjectNode> checks = new ArrayDeque<>();

    public ReferencePictureChecker(String bind, int port, List<Rule> rules, int tolerance) throws IOException {
        this.rules = List.copyOf(rules);
        this.tolerance = tolerance;
        this.http = HttpServer.create(new InetSocketAddress(bind, port), 16);
        http.createContext("/check", this::check);
        http.createContext("/checks", this::listChecks);
        http.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "picture-checker");
            t.setDaemon(true);
            return t;
        }));
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private void check(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, json.createObjectNode().put("error", "POST a picture"));
                return;
            }
            JsonNode body;
            BufferedImage picture;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    answer(exchange, 413, json.createObjectNode().put("error", "over " + MAX_BODY + " bytes"));
                    return;
                }
                body = json.readTree(bytes);
                picture = ImageIO.read(new ByteArrayInputStream(
                        Base64.getDecoder().decode(body.path("jpegBase64").asText(""))));
            } catch (IOException | IllegalArgumentException e) {
                picture = null;
                body = null;
            }
            if (picture == null) {
                answer(exchange, 400, json.createObjectNode().put("error", "the body needs jpegBase64, a JPEG"));
                return;
            }
            ObjectNode verdict = judge(picture);
            ObjectNode kept = json.createObjectNode();
            kept.set("lesson", body.path("lesson"));
            kept.set("stream", body.path("stream"));
            kept.put("takenAt", body.path("takenAt").asText()).put("width", picture.getWidth())
                    .put("height", picture.getHeight()).setAll(verdict);
            synchronized (checks) {
                checks.addFirst(kept);
                if (checks.size() > KEPT) {
                    checks.removeLast();
                }
            }
            answer(exchange, 200, verdict);
        }
    }

    /** The first rule the picture meets, in order: cut-off rules are usually listed first. */
    ObjectNode judge(BufferedImage picture) {
        int pixels = picture.getWidth() * picture.getHeight();
        for (Rule rule : rules) {
            int near = 0;
            for (int y = 0; y < picture.getHeight(); y++) {
                for (int x = 0; x < picture.getWidth(); x++) {
                    if (distance(picture.getRGB(x, y), rule.rgb()) <= tolerance) {
                        near++;
                    }
                }
            }
            double share = (double) near / pixels;
            if (share >= rule.share()) {
                return json.createObjectNode().put("verdict", rule.verdict()).put("reason", String.format(
                        java.util.Locale.ROOT, "%.0f%% of the picture is colour #%06x", share * 100, rule.rgb()));
            }
        }
        return json.createObjectNode().put("verdict", "pass");
    }

    private static int distance(int a, int b) {
        return Math.max(Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff)), Math.max(
                Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff)), Math.abs((a & 0xff) - (b & 0xff))));
    }

    private void listChecks(HttpExchange exchange) throws IOException {
        try (exchange) {
            ArrayNode list = json.createArrayNode();
            synchronized (checks) {
                list.addAll(new ArrayList<>(checks));
            }
            answer(exchange, 200, list);
        }
    }

    private void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        http.stop(0);
    }

    /** {@code ./sanke picture-checker ...}: runs until stopped. */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        String bind = "127.0.0.1";
        int port = 8099;
        int tolerance = 60;
        List<Rule> rules = new ArrayList<>();
        try {
            for (String arg : args) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
                switch (arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg) {
                    case "--port" -> port = Integer.parseInt(value);
                    case "--bind" -> bind = value;
                    case "--tolerance" -> tolerance = Integer.parseInt(value);
                    case "--cut-off" -> rules.add(Rule.parse("cut_off", value));
                    case "--flag" -> rules.add(Rule.parse("flag", value));
                    case "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("picture-checker: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try (ReferencePictureChecker checker = new ReferencePictureChecker(bind, port, rules, tolerance)) {
            out.println("Reference picture checker on http://" + bind + ":" + checker.port() + "/check with "
                    + (rules.isEmpty() ? "no rule (every picture passes)" : rules.size() + " rule(s)"));
            Thread.currentThread().join();
        }
        return 0;
    }
}
