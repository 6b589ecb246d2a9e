package org.sanke.server.e2e;

import java.time.Duration;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.access.TotpSecret;
import org.sanke.classroom.access.TotpVerifier;
import org.sanke.server.SankeServer;

/**
 * Logging in through the login page as a person would: a password, then, for staff, adding Sanke to an
 * authenticator app (the test plays the app with the secret the page shows) and keeping the recovery codes.
 */
final class BrowserLogin {
    static final String PASSWORD = "Spring-Rain-2026";
    /** The password a person chooses at a first login that asks for one. */
    static final String OWN_PASSWORD = "Autumn-Wind-2027";
    private static final Duration GUARD = Duration.ofSeconds(30);

    private BrowserLogin() {
    }

    /** A script expression: the element with this id is on the page and shown (the page may have moved on). */
    private static String shown(String id) {
        return "(document.getElementById('" + id + "') !== null && !document.getElementById('" + id + "').hidden)";
    }

    /** A person with a login whose password is {@link #PASSWORD}. */
    static Person person(SankeServer server, String id, String schoolId, PersonRole role, String login) {
        Person person = new Person(id, schoolId, "Person " + id, role);
        server.domain().schools().add(person);
        server.domain().access().accounts().create(person, login, PASSWORD, false);
        return person;
    }

    /**
     * On the login page (where a page that needs a session sent the browser): logs in with {@link #PASSWORD}
     * and, when the page asks, chooses {@link #OWN_PASSWORD} and sets up the second factor; returns the authenticator secret (null when none was set up). The
     * browser is then back on the page that sent it.
     */
    static String logIn(BrowserPage page, String login) throws InterruptedException {
        page.await("the login form", GUARD, p -> Boolean.TRUE.equals(p.script(
                "const f = document.getElementById('login-form'); return f && !f.hidden")));
        page.type("#login-form [name=login]", login);
        page.type("#login-form [name=password]", PASSWORD);
        page.click("#login-form button");
        page.await("the login to go on", GUARD, p -> !p.location().contains("/login.html")
                || Boolean.TRUE.equals(p.script("return " + shown("factor-form") + " || " + shown("password-form"))));
        if (Boolean.TRUE.equals(page.script("return " + shown("password-form")))) {
            page.type("#password-form [name=current]", PASSWORD);
            page.type("#password-form [name=next]", OWN_PASSWORD);
            page.click("#password-form button");
            page.await("the password changed", GUARD, p -> !p.location().contains("/login.html")
                    || Boolean.TRUE.equals(p.script("return " + shown("factor-form"))));
        }
        if (!page.location().contains("/login.html")) {
            return null;
        }
        page.await("the secret shown", GUARD, p -> !String.valueOf(p.text("#factor-secret")).isBlank());
        page.await("the QR code drawn", GUARD, p -> Boolean.TRUE.equals(p.script(
                "const qr = document.getElementById('factor-qr'); return qr.complete && qr.naturalWidth > 0")));
        String secret = page.text("#factor-secret").replace(" ", "");
        page.type("#factor-form [name=code]", new TotpVerifier().currentCode(TotpSecret.fromBase32(secret)));
        page.click("#factor-form button");
        page.await("the recovery codes", GUARD, p -> Boolean.TRUE.equals(p.script(
                "return document.querySelectorAll('#recovery-codes li').length === 10")));
        page.click("#continue");
        page.await("the page that sent us", GUARD, p -> !p.location().contains("/login.html"));
        return secret;
    }
}
