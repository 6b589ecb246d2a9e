package org.sanke.signaling;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;
import org.sanke.classroom.access.AccessRules;
import org.sanke.classroom.access.Action;
import org.sanke.classroom.access.Caller;
import org.sanke.classroom.access.Decision;
import org.sanke.classroom.access.LoginSessions;
import org.sanke.classroom.access.Target;
import org.sanke.signaling.RestSupport.Refusal;

/**
 * Who is calling the REST API: the signed-in session its cookie names, if any (read from the store after a
 * restart: runs on a worker). Every route but a few public ones
 * needs one; a session with a step still to do (its own password, a second factor) reaches only the routes that do
 * it. Routes then ask {@link #require} of the authorisation table.
 */
final class AccessGate implements Handler<RoutingContext> {
    static final String COOKIE = "sanke_session";
    private static final String SESSION_KEY = "sanke.session";
    /** Open to anyone: logging in, the first run's setup, a terminal's timetable (its device token is checked). */
    private static final Set<String> PUBLIC = Set.of("/api/session", "/api/setup", "/api/openapi.yaml",
            "/api/session/oidc", "/api/session/oidc/callback");
    /** What a session with a pending step may still do. */
    private static final Set<String> WHILE_PENDING = Set.of("/api/session", "/api/session/password",
            "/api/session/second-factor", "/api/session/second-factor/confirm");

    private final LoginSessions sessions;
    private final RestSupport rest;

    AccessGate(LoginSessions sessions, RestSupport rest) {
        this.sessions = sessions;
        this.rest = rest;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        Optional<LoginSessions.Session> session = cookie == null ? Optional.empty() : sessions.use(cookie.getValue());
        session.ifPresent(s -> ctx.put(SESSION_KEY, s));
        String path = ctx.normalizedPath();
        if (PUBLIC.contains(path) || isTerminalTimetable(path)) {
            ctx.next();
        } else if (session.isEmpty()) {
            rest.refuse(ctx, new Refusal(401, "login_required", null, "log in first"));
        } else if (!session.get().pending().isEmpty() && !WHILE_PENDING.contains(path)) {
            rest.refuse(ctx, new Refusal(403, "pending_step", null, "first "
                    + String.join(" and ", session.get().pending().stream().map(p -> switch (p) {
                        case CHANGE_PASSWORD -> "choose your own password";
                        case SET_UP_SECOND_FACTOR -> "set up your authenticator app";
                    }).sorted().toList())));
        } else {
            ctx.next();
        }
    }

    /** A terminal's own routes: its timetable (with its device token) and its pairing (with its pairing id). */
    private static boolean isTerminalTimetable(String path) {
        return path.length() < 120 && (path.startsWith("/api/classrooms/") && path.endsWith("/upcoming")
                || path.equals("/api/terminals/pairing") || path.startsWith("/api/terminals/pairing/"));
    }

    static Optional<LoginSessions.Session> session(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(SESSION_KEY));
    }

    static Caller caller(RoutingContext ctx) {
        return session(ctx).map(s -> Caller.of(s.person())).orElse(Caller.ANONYMOUS);
    }

    /** Refuses unless the table lets the caller do {@code action} to {@code target}. */
    static void require(RoutingContext ctx, Action action, Target target) throws Refusal {
        refuseUnless(AccessRules.decide(caller(ctx), action, target));
    }

    static void refuseUnless(Decision decision) throws Refusal {
        if (decision instanceof Decision.Refused refused) {
            throw switch (refused.reason()) {
                case LOGIN_REQUIRED -> new Refusal(401, "login_required", null, refused.message());
                case NOT_PERMITTED -> new Refusal(403, "forbidden", null, refused.message());
                case OUT_OF_SCOPE -> new Refusal(403, "out_of_scope", null, refused.message());
            };
        }
    }

    /**
     * Which school a list shows: the one asked for (if the caller reaches it), else all for a caller who reaches
     * every school (null), else the caller's own.
     */
    static String listedSchool(RoutingContext ctx, Action action, String asked) throws Refusal {
        Caller caller = caller(ctx);
        if (asked != null) {
            require(ctx, action, Target.school(asked));
            return asked;
        }
        require(ctx, action, caller.person().schoolId() == null ? Target.platform()
                : Target.school(caller.person().schoolId()));
        AccessRules.Reach reach = AccessRules.reach(caller.person().role(), action);
        return reach == AccessRules.Reach.EVERYWHERE ? null : caller.person().schoolId();
    }

    /** The session cookie: HttpOnly, SameSite=Strict, Secure when the page came over HTTPS. */
    static Cookie sessionCookie(String value, boolean https) {
        return Cookie.cookie(COOKIE, value).setHttpOnly(true).setSecure(https).setSameSite(CookieSameSite.STRICT)
                .setPath("/");
    }

    /** Whether the request came over HTTPS (here, or at a proxy that says so). */
    static boolean https(RoutingContext ctx) {
        return ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
    }

    /** The address a request came from (a proxy on this machine: the client it forwards for). */
    static String clientAddress(RoutingContext ctx) {
        return ClientAddress.of(ctx.request().remoteAddress() == null ? null
                : ctx.request().remoteAddress().hostAddress(), ctx.request().getHeader("X-Forwarded-For"));
    }

    /** A request from a program on this machine itself (no proxy in between): scripts, the load tool. */
    static boolean fromThisMachine(RoutingContext ctx) {
        return ctx.request().getHeader("X-Forwarded-For") == null && ctx.request().remoteAddress() != null
                && ClientAddress.isLoopback(ctx.request().remoteAddress().hostAddress());
    }

    /** Passwords travel only over HTTPS, or over loopback where nothing crosses a network. */
    static void requireSafeForPasswords(RoutingContext ctx) throws Refusal {
        if (https(ctx) || ctx.request().method() == HttpMethod.GET) {
            return;
        }
        String host = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        if (host == null || !ClientAddress.isLoopback(host) || ctx.request().getHeader("X-Forwarded-For") != null) {
            throw new Refusal(403, "https_required", null, "passwords are sent only over HTTPS: open this page with"
                    + " https://");
        }
    }
}
