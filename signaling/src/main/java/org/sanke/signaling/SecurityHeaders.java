package org.sanke.signaling;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers that keep Sanke's pages to themselves: scripts, styles and connections only from this server, framing
 * only by its own pages (the classroom terminal frames the classroom page), the camera, microphone and screen
 * only for its own pages, and HTTPS remembered once a browser has seen it.
 */
final class SecurityHeaders implements Handler<RoutingContext> {
    /** Only a Host made of these goes into the policy, so that no request can write policy of its own. */
    private static final String PLAIN_AUTHORITY = "[A-Za-z0-9.:\\[\\]-]+";
    private static final String HSTS = "max-age=31536000";
    private static final String PERMISSIONS = "camera=(self), microphone=(self), display-capture=(self)";

    @Override
    public void handle(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        headers.set("Content-Security-Policy", contentSecurityPolicy(ctx.request().authority()));
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Permissions-Policy", PERMISSIONS);
        if (ctx.request().isSSL()) {
            headers.set("Strict-Transport-Security", HSTS);
        }
        ctx.next();
    }

    /**
     * The pages load only module scripts and one stylesheet from this server (no inline code), show camera streams
     * through srcObject, and talk to /ws and /api here. 'self' covers ws: and wss: in current browsers; the
     * WebSocket origins are named too for older ones.
     */
    static String contentSecurityPolicy(HostAndPort authority) {
        String connect = "'self'";
        if (authority != null) {
            String host = authority.host().contains(":") && !authority.host().startsWith("[")
                    ? "[" + authority.host() + "]" : authority.host();
            String hostAndPort = authority.port() > 0 ? host + ":" + authority.port() : host;
            if (hostAndPort.matches(PLAIN_AUTHORITY)) {
                connect += " ws://" + hostAndPort + " wss://" + hostAndPort;
            }
        }
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
                + " media-src 'self' blob: mediastream:; connect-src " + connect + "; frame-src 'self';"
                + " frame-ancestors 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";
    }
}
