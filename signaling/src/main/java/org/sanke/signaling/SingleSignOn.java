package org.sanke.signaling;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.sanke.classroom.Person;
import org.sanke.classroom.access.Access;
import org.sanke.classroom.access.AccessAudit;
import org.sanke.classroom.access.Account;
import org.sanke.classroom.access.Accounts;
import org.sanke.classroom.access.LoginResult;
import org.sanke.signaling.oidc.OidcIdentity;
import org.sanke.signaling.oidc.OidcLogin;
import org.sanke.signaling.oidc.OidcLoginException;
import org.sanke.signaling.oidc.OidcSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging in through the school's OpenID Connect provider: {@code GET /api/session/oidc} sends the browser there,
 * {@code GET /api/session/oidc/callback} brings it back signed in. The provider's person claim names a Sanke person
 * by the login name of their account, else by their id; with a school claim, it must be that person's school.
 * The state travels in a short-lived cookie too, so that a callback forged into another browser signs nobody in.
 */
final class SingleSignOn {
    private static final Logger LOG = LoggerFactory.getLogger(SingleSignOn.class);
    private static final String STATE_COOKIE = "sanke_oidc";

    private final OidcLogin login;
    private final Domain domain;
    private final Access access;
    private final AccessAudit audit;

    SingleSignOn(OidcSettings settings, Domain domain) {
        this.login = new OidcLogin(settings);
        this.domain = domain;
        this.access = domain.access();
        this.audit = AccessAudit.into(access.records().audit());
    }

    /** Both routes reach the provider over the network: workers. */
    void routes(Router router) {
        router.get("/api/session/oidc").blockingHandler(this::begin, false);
        router.get("/api/session/oidc/callback").blockingHandler(this::finish, false);
    }

    private void begin(RoutingContext ctx) {
        String next = safeNext(ctx.queryParams().get("next"));
        OidcLogin.Start start;
        try {
            start = login.begin();
        } catch (OidcLoginException e) {
            page(ctx, 502, "The single sign-on provider cannot be reached now (" + e.reason() + "). Try again, or log"
                    + " in with your Sanke password.");
            return;
        }
        // Lax: the provider's redirect back is a top-level navigation from its site, which Strict would not send.
        ctx.response().addCookie(Cookie.cookie(STATE_COOKIE, start.state() + "|" + next).setHttpOnly(true)
                .setSecure(AccessGate.https(ctx)).setSameSite(CookieSameSite.LAX).setPath("/api/session/oidc")
                .setMaxAge(OidcLogin.PENDING_LIFETIME.toSeconds()));
        ctx.response().setStatusCode(302).putHeader("Location", start.authorizationUri().toString()).end();
    }

    private void finish(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(STATE_COOKIE);
        String state = ctx.queryParams().get("state");
        ctx.response().addCookie(Cookie.cookie(STATE_COOKIE, "").setPath("/api/session/oidc").setMaxAge(0));
        if (cookie == null || state == null || !cookie.getValue().startsWith(state + "|")) {
            audit.record(AccessAudit.Event.LOGIN_FAILED, null, "single sign-on: started in another browser",
                    AccessGate.clientAddress(ctx));
            page(ctx, 400, "This login did not start in this browser. Start again from the login page.");
            return;
        }
        String next = safeNext(cookie.getValue().substring(state.length() + 1));
        OidcIdentity identity;
        try {
            identity = login.finish(URI.create(ctx.request().absoluteURI()));
        } catch (OidcLoginException e) {
            LOG.info("single sign-on refused: {}", e.reason());
            audit.record(AccessAudit.Event.LOGIN_FAILED, null, "single sign-on: " + e.reason(),
                    AccessGate.clientAddress(ctx));
            page(ctx, 401, "The single sign-on provider did not confirm who you are (" + e.reason() + ").");
            return;
        }
        Optional<Person> person = access.accounts().byLogin(identity.person()).map(Account::personId)
                .flatMap(domain.schools()::person)
                .or(() -> domain.schools().person(identity.person()));
        if (person.isEmpty() || identity.school() != null && !identity.school().equals(person.get().schoolId())) {
            LOG.info("single sign-on of a person Sanke does not know (subject {})", identity.subject());
            audit.record(AccessAudit.Event.LOGIN_FAILED, null, "single sign-on: a person Sanke does not know",
                    AccessGate.clientAddress(ctx));
            page(ctx, 403, "You are known to the single sign-on provider but not to Sanke: ask your school's"
                    + " administrator to add you.");
            return;
        }
        Set<LoginResult.Pending> pending = EnumSet.noneOf(LoginResult.Pending.class);
        pending.addAll(access.accounts().pending(person.get().id()));
        if (Accounts.STAFF.contains(person.get().role())) {
            // Staff need a second factor: through the provider, which reports it in amr (RFC 8176).
            if (!multiFactor(identity)) {
                LOG.info("single sign-on of staff {} without a second factor at the provider", person.get().id());
                audit.record(AccessAudit.Event.LOGIN_FAILED, person.get().id(), "single sign-on without a second"
                        + " factor", AccessGate.clientAddress(ctx));
                page(ctx, 403, "Staff sign in with a second factor. The single sign-on provider did not report one"
                        + " (amr): ask it to require one, or log in with your Sanke password and authenticator app.");
                return;
            }
            pending.remove(LoginResult.Pending.SET_UP_SECOND_FACTOR);
        }
        String id = access.sessions().open(person.get(), pending);
        audit.record(AccessAudit.Event.LOGIN, person.get().id(), "single sign-on", AccessGate.clientAddress(ctx));
        ctx.response().addCookie(AccessGate.sessionCookie(id, AccessGate.https(ctx)));
        ctx.response().setStatusCode(302).putHeader("Location", next).end();
    }

    /** Authentication methods (RFC 8176) that are, or include, a second factor. */
    private static final Set<String> MULTI_FACTOR = Set.of("mfa", "otp", "hwk", "sms", "fpt", "face", "iris",
            "retina", "vbm", "sc");

    /** Whether the provider says the person proved more than a password (its amr claim names a second factor). */
    static boolean multiFactor(OidcIdentity identity) {
        return identity.claims().get("amr") instanceof java.util.List<?> methods
                && methods.stream().anyMatch(MULTI_FACTOR::contains);
    }

    /** Only a page of this server; anything else goes to the start page. */
    static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
                && next.length() < 1000 ? next : "/";
    }

    /** A short page in the browser's language is for later: today a plain sentence and a way back. */
    private static void page(RoutingContext ctx, int status, String sentence) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
                .end("<!doctype html><meta charset=utf-8><title>Sanke</title><p>" + sentence
                        + "</p><p><a href=\"/login.html?next=" + URLEncoder.encode("/", StandardCharsets.UTF_8)
                        + "\">Log in</a></p>");
    }
}
