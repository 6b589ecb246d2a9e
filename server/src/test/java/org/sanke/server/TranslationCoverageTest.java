package org.sanke.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every error code the server can send (a REST refusal, a protocol error, a join refusal, a domain refusal) has a
 * sentence in the pages' translation table, in Chinese and in English, so no page ever falls back to the server's
 * English message or shows a code. Reads the sources: a new code without its translation fails here.
 */
class TranslationCoverageTest {
    private static final List<Pattern> CODES = List.of(
            Pattern.compile("new Refusal\\(\\d+, \"([a-z_]+)\""),
            Pattern.compile("new ProtocolError\\(\"([a-z_]+)\""),
            Pattern.compile("new Refused\\(\"([a-z_]+)\""));
    /** The join refusals: the one switch that maps the domain's reasons to wire codes. */
    private static final Pattern JOIN_REFUSALS = Pattern.compile("refusalError\\(.*?\\}, refusal", Pattern.DOTALL);
    private static final Pattern CASE = Pattern.compile("case [A-Z_]+ -> \"([a-z_]+)\"");

    @Test
    void everyErrorCodeTheServerSendsHasAChineseAndAnEnglishSentence() throws IOException {
        Set<String> codes = new TreeSet<>();
        for (String module : List.of("../signaling", "../classroom-session")) {
            try (Stream<Path> sources = Files.walk(Path.of(module, "src/main/java"))) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(source);
                    for (Pattern pattern : CODES) {
                        Matcher found = pattern.matcher(text);
                        while (found.find()) {
                            codes.add(found.group(1));
                        }
                    }
                    Matcher joins = JOIN_REFUSALS.matcher(text);
                    while (joins.find()) {
                        Matcher found = CASE.matcher(joins.group());
                        while (found.find()) {
                            codes.add(found.group(1));
                        }
                    }
                }
            }
        }
        assertThat(codes).as("the scan finds the codes").contains("timetable_conflict", "role_taken", "not_allowed",
                "grant_expired",
                "has_coming_lessons");
        String table = Files.readString(Path.of("src/main/resources/web/js/i18n.js"));
        String chinese = table.substring(table.indexOf("zh: {"), table.indexOf("en: {"));
        String english = table.substring(table.indexOf("en: {"));
        List<String> missing = new ArrayList<>();
        for (String code : codes) {
            Pattern key = Pattern.compile("^\\s*'?" + Pattern.quote(code) + "'?:", Pattern.MULTILINE);
            if (!key.matcher(chinese).find()) {
                missing.add("zh " + code);
            }
            if (!key.matcher(english).find()) {
                missing.add("en " + code);
            }
        }
        assertThat(missing).as("codes without a sentence in js/i18n.js").isEmpty();
    }
}
