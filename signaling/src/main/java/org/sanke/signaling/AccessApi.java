package org.sanke.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.sanke.classroom.Person;
import org.sanke.classroom.Role;
import org.sanke.classroom.access.Access;
import org.sanke.classroom.access.AccessAudit;
import org.sanke.classroom.access.Account;
import org.sanke.classroom.access.AccessRules;
import org.sanke.classroom.access.Action;
import org.sanke.classroom.access.JoinGrant;
import org.sanke.classroom.access.JoinGrants;
import org.sanke.classroom.access.LessonScopes;
import org.sanke.classroom.access.LoginResult;
import org.sanke.classroom.access.LoginSessions;
import org.sanke.classroom.access.SecondFactor;
import org.sanke.classroom.access.Target;
import org.sanke.signaling.RestSupport.Refusal;
import org.sanke.signaling.session.LessonRooms;

/** REST for logging in and out, the first run's setup, people's accounts and join grants (docs/api.md). */
final class AccessApi {

    private final Domain domain;
    private final Access access;
    private final LessonScopes scopes;
    private final LessonRooms rooms;
    private final RestSupport rest;
    private final LoginThrottle throttle = new LoginThrottle(System::nanoTime);

    /** Whether the login page offers the single sign-on provider. */
    private final boolean singleSignOn;

    AccessApi(Domain domain, LessonRooms rooms, RestSupport rest, boolean singleSignOn) {
        this.singleSignOn = singleSignOn;
        this.domain = domain;
        this.access = domain.access();
        this.scopes = new LessonScopes(domain.lessons(), domain.scheduling(), domain.schools());
        this.rooms = rooms;
        this.rest = rest;
    }

    /** Hashing and the store block: every route runs on a worker. */
    void routes(Router router) {
        router.post("/api/session").blockingHandler(ctx -> rest.handle(ctx, 200, this::login), false);
        router.get("/api/session").blockingHandler(ctx -> rest.handle(ctx, 200, this::me), false);
        router.delete("/api/session").blockingHandler(ctx -> rest.handle(ctx, 200, this::logout), false);
        router.post("/api/session/password").blockingHandler(ctx -> rest.handle(ctx, 200, this::changePassword),
                false);
        router.post("/api/session/second-factor").blockingHandler(ctx -> rest.handle(ctx, 200,
                this::beginSecondFactor), false);
        router.post("/api/session/second-factor/confirm").blockingHandler(ctx -> rest.handle(ctx, 200,
                this::confirmSecondFactor), false);
        router.get("/api/setup").blockingHandler(ctx -> rest.handle(ctx, 200, c -> rest.object()
                .put("needed", access.setup().pendingCode().isPresent()).put("singleSignOn", singleSignOn)), false);
        router.post("/api/setup").blockingHandler(ctx -> rest.handle(ctx, 201, this::setUp), false);
        router.post("/api/people/:id/account").blockingHandler(ctx -> rest.handle(ctx, 201, this::createAccount),
                false);
        router.post("/api/lessons/:id/grants").blockingHandler(ctx -> rest.handle(ctx, 201, this::grant), false);
        router.post("/api/lessons/:id/grants/revoke").blockingHandler(ctx -> rest.handle(ctx, 200, this::revoke),
                false);
    }

    /**
     * Every route that checks a password or a code takes one attempt from the caller's address: the peer's, or,
     * behind a proxy on this machine, the address the proxy says it forwards for. The machine's own programs
     * (scripts, the load tool) are not limited: whoever runs them could read the database anyway.
     */
    private void throttle(RoutingContext ctx) throws Refusal {
        if (!AccessGate.fromThisMachine(ctx) && !throttle.attempt(AccessGate.clientAddress(ctx))) {
            throw new Refusal(429, "too_many_attempts", null, "too many login attempts from this address: wait a"
                    + " minute");
        }
    }

    private JsonNode login(RoutingContext ctx) throws Refusal {
        AccessGate.requireSafeForPasswords(ctx);
        throttle(ctx);
        ObjectNode body = rest.body(ctx, Set.of("login", "password", "code"));
        String login = RestSupport.text(body, "login", 64, true);
        String password = RestSupport.secret(body, "password");
        String code = RestSupport.text(body, "code", 32, false);
        return switch (access.accounts().login(login, password, code, AccessGate.clientAddress(ctx))) {
            case LoginResult.SignedIn in -> signIn(ctx, in.person(), in.pending());
            case LoginResult.Refused refused -> throw switch (refused.reason()) {
                case WRONG_CREDENTIALS -> new Refusal(401, "wrong_credentials", null, refused.message());
                case LOCKED -> new Refusal(429, "account_locked", null, refused.message());
                case SECOND_FACTOR_REQUIRED -> new Refusal(401, "second_factor_required", "code", refused.message());
                case WRONG_SECOND_FACTOR -> new Refusal(401, "wrong_second_factor", "code", refused.message());
            };
        };
    }

    private ObjectNode signIn(RoutingContext ctx, Person person, Set<LoginResult.Pending> pending) {
        String id = access.sessions().open(person, pending);
        ctx.response().addCookie(AccessGate.sessionCookie(id, AccessGate.https(ctx)));
        return me(person, pending);
    }

    private JsonNode me(RoutingContext ctx) throws Refusal {
        LoginSessions.Session session = AccessGate.session(ctx).orElseThrow(() ->
                new Refusal(401, "login_required", null, "nobody is logged in in this browser"));
        return me(session.person(), session.pending());
    }

    private ObjectNode me(Person person, Set<LoginResult.Pending> pending) {
        ObjectNode me = rest.object();
        me.putObject("person").put("id", person.id()).put("name", person.name())
                .put("role", person.role().wireName()).put("schoolId", person.schoolId());
        var list = me.putArray("pending");
        pending.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).sorted().forEach(list::add);
        return me;
    }

    /** Ends every session of this person, in every browser, and closes their lesson connections. */
    private JsonNode logout(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(AccessGate.COOKIE);
        Optional<Person> out = cookie == null ? Optional.empty() : access.sessions().signOut(cookie.getValue());
        out.ifPresent(person -> AccessAudit.into(access.records().audit()).record(AccessAudit.Event.LOGOUT,
                person.id(), null, AccessGate.clientAddress(ctx)));
        ctx.response().addCookie(AccessGate.sessionCookie("", AccessGate.https(ctx)).setMaxAge(0));
        return rest.object().put("signedOut", out.isPresent());
    }

    private JsonNode changePassword(RoutingContext ctx) throws Refusal {
        AccessGate.requireSafeForPasswords(ctx);
        throttle(ctx);
        LoginSessions.Session session = AccessGate.session(ctx).orElseThrow();
        ObjectNode body = rest.body(ctx, Set.of("current", "next"));
        Optional<String> problem = access.accounts().changePassword(session.person().id(),
                RestSupport.secret(body, "current"), RestSupport.secret(body, "next"));
        if (problem.isPresent()) {
            throw Refusal.invalid(problem.get().startsWith("the current") ? "current" : "next", problem.get());
        }
        Set<LoginResult.Pending> pending = access.accounts().pending(session.person().id());
        Cookie cookie = ctx.request().getCookie(AccessGate.COOKIE);
        access.sessions().update(cookie.getValue(), pending);
        return me(session.person(), pending);
    }

    /** A new authenticator secret for the signed-in person, kept only once a code made from it comes back. */
    private JsonNode beginSecondFactor(RoutingContext ctx) throws Refusal {
        LoginSessions.Session session = AccessGate.session(ctx).orElseThrow();
        Account account = access.accounts().account(session.person().id()).orElseThrow(() -> new Refusal(409,
                "no_account", null, "this person logs in through single sign-on"));
        SecondFactor.Setup setup = access.accounts().secondFactor().begin(account);
        return rest.object().put("secret", setup.secretText()).put("otpauthUri", setup.otpauthUri())
                .put("qrCode", QrCode.svgDataUrl(setup.otpauthUri()));
    }

    private JsonNode confirmSecondFactor(RoutingContext ctx) throws Refusal {
        throttle(ctx);
        LoginSessions.Session session = AccessGate.session(ctx).orElseThrow();
        ObjectNode body = rest.body(ctx, Set.of("code"));
        String code = RestSupport.text(body, "code", 16, true);
        Account account = access.accounts().account(session.person().id()).orElseThrow(() -> new Refusal(409,
                "no_account", null, "this person logs in through single sign-on"));
        List<String> recovery = access.accounts().secondFactor().confirm(account, code).orElseThrow(() ->
                Refusal.invalid("code", "the code is not the app's current one for the secret shown, or the"
                        + " setup took longer than 10 minutes"));
        Set<LoginResult.Pending> pending = access.accounts().pending(session.person().id());
        access.sessions().update(ctx.request().getCookie(AccessGate.COOKIE).getValue(), pending);
        ObjectNode reply = me(session.person(), pending);
        recovery.forEach(reply.putArray("recoveryCodes")::add);
        return reply;
    }

    /** The first run: the operator makes the first platform administrator with the code the console printed. */
    private JsonNode setUp(RoutingContext ctx) throws Refusal {
        AccessGate.requireSafeForPasswords(ctx);
        throttle(ctx);
        ObjectNode body = rest.body(ctx, Set.of("code", "name", "login", "password"));
        String code = RestSupport.text(body, "code", 64, true);
        String name = RestSupport.text(body, "name", 64, true);
        String login = RestSupport.text(body, "login", 64, true);
        String password = RestSupport.secret(body, "password");
        try {
            Person admin = access.setup().complete(code, RestSupport.newId("u"), name, login, password);
            return signIn(ctx, admin, access.accounts().pending(admin.id()));
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().contains("setup code") || e.getMessage().contains("already")
                    ? "code" : e.getMessage().contains("login name") ? "login" : "password";
            throw Refusal.invalid(field, e.getMessage());
        }
    }

    /** A login for a person, with a password they must replace at their first login. */
    private JsonNode createAccount(RoutingContext ctx) throws Refusal {
        AccessGate.requireSafeForPasswords(ctx);
        String id = ctx.pathParam("id");
        Person person = domain.schools().person(id).orElseThrow(() -> new Refusal(404, "person_not_found", "id",
                "no person has the id " + id));
        AccessGate.refuseUnless(AccessRules.mayAppoint(AccessGate.caller(ctx), person.role(), person.schoolId()));
        ObjectNode body = rest.body(ctx, Set.of("login", "password"));
        String login = RestSupport.text(body, "login", 64, true);
        String password = RestSupport.secret(body, "password");
        if (access.accounts().account(id).isPresent()) {
            throw new Refusal(409, "account_exists", "id", "this person has a login already");
        }
        try {
            access.accounts().create(person, login, password, true);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(e.getMessage().contains("login name") ? "login" : "password", e.getMessage());
        }
        return rest.object().put("personId", id).put("login", login.toLowerCase(Locale.ROOT))
                .put("mustChangePassword", true);
    }

    /**
     * Leave to join a lesson: the caller's own, for a few minutes (the page asks at every join), or an invitation
     * link for classrooms, observers or learners that lasts up to a day.
     */
    private JsonNode grant(RoutingContext ctx) throws Refusal {
        String lessonId = ctx.pathParam("id");
        ObjectNode body = rest.body(ctx, Set.of("role", "invitation", "validHours"));
        Role role = Role.fromWireName(RestSupport.text(body, "role", 16, true)).orElseThrow(() -> Refusal.invalid(
                "role", "must be one of teacher, classroom, observer, learner, inspector"));
        boolean invitation = role == Role.CLASSROOM || body.path("invitation").asBoolean(false);
        Target.Lesson target = scopes.of(lessonId).orElseThrow(() -> new Refusal(404, "lesson_not_found", "id",
                "no lesson has the id " + lessonId));
        Person caller = AccessGate.caller(ctx).person();
        JoinGrants.Issued issued;
        if (invitation) {
            if (role == Role.TEACHER || role == Role.INSPECTOR) {
                throw Refusal.invalid("invitation", "a " + role.wireName() + " joins in person, never by a link");
            }
            AccessGate.require(ctx, Action.INVITE, target);
            JsonNode hours = body.get("validHours");
            long validHours = hours == null || hours.isNull() ? 12 : hours.asLong(-1);
            if (hours != null && !hours.isNull() && (!hours.isIntegralNumber() || validHours < 1
                    || validHours > JoinGrants.LONGEST_INVITATION.toHours())) {
                throw Refusal.invalid("validHours", "must be a whole number of hours from 1 to "
                        + JoinGrants.LONGEST_INVITATION.toHours());
            }
            issued = access.grants().invitation(lessonId, role, Duration.ofHours(validHours));
        } else {
            AccessGate.require(ctx, switch (role) {
                case TEACHER -> Action.JOIN_AS_TEACHER;
                case OBSERVER -> Action.JOIN_AS_OBSERVER;
                case LEARNER -> Action.JOIN_AS_LEARNER;
                case INSPECTOR -> Action.JOIN_AS_INSPECTOR;
                case CLASSROOM -> throw new IllegalStateException("a classroom is always invited");
            }, target);
            issued = access.grants().forPerson(caller, lessonId, role);
        }
        JoinGrant grant = issued.grant();
        return rest.object().put("grant", issued.token()).put("id", grant.id()).put("lessonId", lessonId)
                .put("role", role.wireName()).put("invitation", grant.invitation())
                .put("expiresAt", grant.expiresAt().toString());
    }

    /** Takes an invitation back: it stops opening the lesson, and whoever came in with it is put out. */
    private JsonNode revoke(RoutingContext ctx) throws Refusal {
        String lessonId = ctx.pathParam("id");
        ObjectNode body = rest.body(ctx, Set.of("grant"));
        String token = RestSupport.text(body, "grant", JoinGrants.MAX_TOKEN_LENGTH, true);
        Target.Lesson target = scopes.of(lessonId).orElseThrow(() -> new Refusal(404, "lesson_not_found", "id",
                "no lesson has the id " + lessonId));
        AccessGate.require(ctx, Action.REVOKE_GRANT, target);
        JoinGrant grant = access.grants().read(token).filter(g -> g.lessonId().equals(lessonId))
                .orElseThrow(() -> Refusal.invalid("grant", "not a grant of this server for this lesson"));
        access.grants().revoke(grant);
        rooms.revoked(grant.id());
        return rest.object().put("revoked", grant.id());
    }

}
