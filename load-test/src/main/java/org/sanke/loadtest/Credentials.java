package org.sanke.loadtest;

import java.util.Map;

/**
 * The lead teacher the tool logs in as on Sanke: she creates the lessons, joins them as their teacher and invites
 * the classrooms, observers and learners. The password comes from the environment only, never from a command line
 * that {@code ps} would show.
 *
 * @param login    her login name ({@code --login}, or {@code SANKE_LOGIN})
 * @param password her password ({@code SANKE_PASSWORD})
 */
public record Credentials(String login, String password) {
    /** The environment variable that holds the password. */
    public static final String PASSWORD_ENV = "SANKE_PASSWORD";
    /** The environment variable that holds the login when {@code --login} is not given. */
    public static final String LOGIN_ENV = "SANKE_LOGIN";

    /** What to do when the tool has no login for a Sanke server. */
    public static final String MISSING = "Sanke lets only a signed-in teacher create lessons and join them: start"
            + " the server with --seed-teacher=NAME and that teacher's password in SANKE_SEED_PASSWORD, and give the"
            + " tool --login NAME (or SANKE_LOGIN=NAME) with the same password in SANKE_PASSWORD";

    public Credentials {
        if (login == null || login.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException(MISSING);
        }
    }

    /**
     * The login given ({@code --login}, else {@code SANKE_LOGIN}) with the password in {@code SANKE_PASSWORD};
     * null when neither is given. Half of it (a login without a password, or a password without a login) fails
     * with a message saying what is missing.
     */
    public static Credentials from(String loginOption, Map<String, String> env) {
        String login = loginOption != null && !loginOption.isBlank() ? loginOption : env.get(LOGIN_ENV);
        String password = env.get(PASSWORD_ENV);
        boolean hasLogin = login != null && !login.isBlank();
        boolean hasPassword = password != null && !password.isEmpty();
        if (!hasLogin && !hasPassword) {
            return null;
        }
        if (!hasPassword) {
            throw new IllegalArgumentException("the login '" + login.strip() + "' needs its password in "
                    + PASSWORD_ENV + " (never on the command line); " + MISSING);
        }
        if (!hasLogin) {
            throw new IllegalArgumentException(PASSWORD_ENV + " is set but no login is given; " + MISSING);
        }
        return new Credentials(login.strip(), password);
    }

    /** Never the password: options and records are printed. */
    @Override
    public String toString() {
        return "Credentials[login=" + login + ", password=***]";
    }
}
