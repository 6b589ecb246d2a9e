package org.sanke.classroom.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The authorisation table in docs/api.md is the one the server decides by. */
class AccessTableDocsTest {
    @Test
    void theDocsPrintTheTableTheServerUses() throws Exception {
        String api = Files.readString(Path.of("..", "docs", "api.md"));
        String start = "<!-- access-table:start -->\n";
        String printed = api.substring(api.indexOf(start) + start.length(), api.indexOf("<!-- access-table:end -->"));
        assertThat(printed).as("docs/api.md, between the access-table markers").isEqualTo(AccessRules.markdown());
    }
}
