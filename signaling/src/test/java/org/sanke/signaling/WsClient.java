package org.sanke.signaling;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client for tests that collects every text message the server sends. */
public final class WsClient implements WebSocket.Listener {
    public final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket webSocket;

    public static WsClient open(String url) throws Exception {
        return open(HttpClient.newHttpClient(), url, Map.of());
    }

    /** Through {@code http} (e.g. one that trusts a test's certificate), with extra handshake headers. */
    public static WsClient open(HttpClient http, String url, Map<String, String> headers) throws Exception {
        WsClient client = new WsClient();
        WebSocket.Builder builder = http.newWebSocketBuilder();
        headers.forEach(builder::header);
        client.webSocket = builder.buildAsync(URI.create(url), client).get(10, TimeUnit.SECONDS);
        return client;
    }

    public void send(String text) throws Exception {
        webSocket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    public void sendBinary(byte[] data) throws Exception {
        webSocket.sendBinary(ByteBuffer.wrap(data), true).get(10, TimeUnit.SECONDS);
    }

    /** The next message; fails the test when none comes within 10 s. */
    public String next() throws InterruptedException {
        String message = messages.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("the server sent nothing within 10 s");
        }
        return message;
    }

    /** The next message whose text contains {@code fragment}, skipping others. */
    public String nextContaining(String fragment) throws InterruptedException {
        while (true) {
            String message = next();
            if (message.contains(fragment)) {
                return message;
            }
        }
    }

    /** The reply to request {@code requestId}, skipping the events (and other replies) that come before it. */
    public String reply(int requestId) throws InterruptedException {
        java.util.regex.Pattern mine = java.util.regex.Pattern.compile("\"requestId\":" + requestId + "[,}]");
        while (true) {
            String message = next();
            if (mine.matcher(message).find()) {
                return message;
            }
        }
    }

    public void close() {
        webSocket.abort();
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closeCode.completeExceptionally(error);
    }
}
