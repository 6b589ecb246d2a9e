package org.sanke.signaling;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open the signaling WebSocket and change data through the REST API: the server's own (same
 * scheme, host and port as the request was sent to) and the configured ones. A browser always names the page's
 * origin; a client without an Origin header is not a browser page (the load tool, scripts) and is let through,
 * since it could say any origin it liked.
 */
public final class OriginPolicy {
    private static final Set<HttpMethod> CHANGES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE,
            HttpMethod.PATCH);

    private final Set<String> allowed;

    /** @throws IllegalArgumentException naming the first origin that is not {@code http(s)://host[:port]} */
    public OriginPolicy(Collection<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(origin -> normalize(origin).orElseThrow(() ->
                new IllegalArgumentException("'" + origin + "' is not an origin such as https://school.example"
                        + " or https://10.0.0.5:8443"))).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * "HTTPS://School.example" as "https://school.example:443"; empty when it is not an http(s) origin (a path,
     * a query, user info, "null").
     */
    public static Optional<String> normalize(String origin) {
        try {
            URI uri = new URI(origin.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
                return Optional.empty();
            }
            return Optional.of(origin(scheme, uri.getHost(), uri.getPort()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether a WebSocket upgrade may proceed: no Origin, the server's own, or an allowed one. */
    boolean allowsUpgrade(String origin, boolean tls, HostAndPort authority, String forwardedProto) {
        return origin == null || isAllowed(origin, tls, authority, forwardedProto);
    }

    /**
     * Whether a REST request changes data for a page of another site: its Origin is foreign, or, without an
     * Origin, the browser marks it cross-site.
     */
    boolean refusesChange(HttpServerRequest request) {
        if (!CHANGES.contains(request.method())) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"));
        }
        return !isAllowed(origin, request.isSSL(), request.authority(), request.getHeader("X-Forwarded-Proto"));
    }

    private boolean isAllowed(String origin, boolean tls, HostAndPort authority, String forwardedProto) {
        Optional<String> normalized = normalize(origin);
        if (normalized.isEmpty()) {
            return false;
        }
        return allowed.contains(normalized.get()) || normalized.get().equals(ownOrigin(tls, authority, forwardedProto));
    }

    /**
     * The origin the browser asked for: the Host it sent, with the scheme it used. Behind a proxy that ends TLS
     * the proxy's X-Forwarded-Proto says the scheme; a page cannot set that header on a WebSocket or on a
     * cross-site request without a preflight that this server never grants, so trusting it opens nothing.
     */
    private static String ownOrigin(boolean tls, HostAndPort authority, String forwardedProto) {
        if (authority == null) {
            return null;
        }
        String scheme = tls ? "https" : "http";
        if ("https".equalsIgnoreCase(forwardedProto) || "http".equalsIgnoreCase(forwardedProto)) {
            scheme = forwardedProto.toLowerCase(Locale.ROOT);
        }
        return origin(scheme, authority.host(), authority.port());
    }

    private static String origin(String scheme, String host, int port) {
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int effectivePort = port > 0 ? port : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + bareHost.toLowerCase(Locale.ROOT) + ":" + effectivePort;
    }
}
