package org.sanke.server;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sanke.classroom.audit.AuditVerifier;
import org.sanke.classroom.store.Database;
import org.sanke.classroom.store.JdbcAuditStore;

/**
 * {@code ./sanke verify-audit}: walks the audit trail's hash chain in the configured database (S22) and says
 * whether it is intact, or which entry was changed, removed or inserted. {@code --anchor=SEQ:HASH}, a head logged
 * earlier by the daily purge, also shows entries removed from the end. Takes the server's options and environment,
 * so it reads the database the server uses.
 */
final class VerifyAuditCommand {
    static final int INTACT = 0;
    static final int UNREADABLE = 1;
    static final int BAD_OPTIONS = 2;
    static final int TAMPERED = 3;

    private VerifyAuditCommand() {
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        SankeOptions options;
        AuditVerifier.Anchor anchor = null;
        try {
            List<String> rest = new ArrayList<>();
            for (String arg : args) {
                if (arg.startsWith("--anchor=")) {
                    anchor = AuditVerifier.Anchor.parse(arg.substring("--anchor=".length()));
                } else {
                    rest.add(arg);
                }
            }
            options = SankeOptions.parse(rest.toArray(String[]::new), env);
        } catch (IllegalArgumentException e) {
            err.println("sanke verify-audit: " + e.getMessage());
            return BAD_OPTIONS;
        }
        AuditVerifier.Report report;
        try (Database database = Database.open(options.databaseUrl(), options.databaseUser(),
                options.databasePassword())) {
            report = AuditVerifier.verify(new JdbcAuditStore(database), anchor);
        } catch (RuntimeException e) {
            err.println("sanke verify-audit: could not read the audit trail in " + options.databaseUrl() + ": "
                    + e.getMessage());
            return UNREADABLE;
        }
        (report.intact() ? out : err).println("sanke verify-audit: " + report.summary());
        return report.intact() ? INTACT : TAMPERED;
    }
}
