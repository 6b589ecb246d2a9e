package org.sanke.classroom.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The audit chain's tamper tests on H2 (S22, S23, S35). */
class H2AuditChainTest extends AuditChainContract {
    @TempDir
    Path dir;

    @Override
    Database freshDatabase() {
        return Database.open("jdbc:h2:file:" + dir.resolve("audit-" + System.nanoTime()), "sa", "");
    }
}
