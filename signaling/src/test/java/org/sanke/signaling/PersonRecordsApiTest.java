package org.sanke.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.School;
import org.sanke.classroom.audit.AuditActor;
import org.sanke.classroom.audit.AuditTrail;
import org.sanke.classroom.audit.Outcome;
import org.sanke.signaling.testing.NoBlockingOnEventLoops;

/**
 * People's records through the REST API, as each role would use it: real names (S4), the three separated
 * administrators and the audited, permitted staff reads of minors' data (S34), and a guardian's view, correction and
 * deletion request with a refusal in writing (S39).
 */
@NoBlockingOnEventLoops
class PersonRecordsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SignalingServer server;
    private static Domain domain;
    private static String platformAdmin;
    private static String securityAdmin;
    private static String auditor;
    private static String schoolAdmin;

    @BeforeAll
    static void start() throws Exception {
        server = SignalingServer.start(new SignalingConfig("127.0.0.1", 0, 64 * 1024, "web"), () -> {
            throw new IllegalStateException("no media in this test");
        }, new LessonDirectory(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        domain = server.domain();
        domain.schools().add(new School("hill", "Hill School"));
        platformAdmin = signIn(new Person("admin", null, "Admin", PersonRole.PLATFORM_ADMIN));
        securityAdmin = signIn(new Person("security", null, "Security", PersonRole.SECURITY_ADMIN));
        auditor = signIn(new Person("auditor", null, "Auditor", PersonRole.AUDITOR));
        schoolAdmin = signIn(new Person("head", "hill", "Head", PersonRole.SCHOOL_ADMIN));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String signIn(Person person) {
        domain.schools().add(person);
        return TestAccess.cookie(domain, person);
    }

    private static HttpResponse<String> call(String method, String path, String body, String cookie)
            throws Exception {
        return TestAccess.call(server, method, path, body, cookie);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String newPerson(String cookie, String body) throws Exception {
        HttpResponse<String> made = call("POST", "/api/people", body, cookie);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return json(made).get("id").asText();
    }

    @Test
    void staffSeeAMinorsNameOnlyWithThePermissionAndTheAuditorReadsEveryRead() throws Exception { // S34
        String pupil = newPerson(schoolAdmin, "{\"schoolId\":\"hill\",\"name\":\"Xiao Hong\",\"role\":\"learner\"}");
        JsonNode hidden = json(call("GET", "/api/people?schoolId=hill", null, platformAdmin));
        JsonNode listed = find(hidden, pupil);
        assertThat(listed.get("name").isNull()).isTrue();
        assertThat(listed.get("nameHidden").asText()).isEqualTo("minors_data_permission_required");
        assertThat(call("GET", "/api/people/" + pupil + "/data", null, platformAdmin).body())
                .contains("\"error\":\"permission_required\"");

        assertThat(call("PUT", "/api/people/admin/permissions/minors-data", "{}", platformAdmin).body())
                .as("the platform administrator cannot give herself the permission").contains("forbidden");
        assertThat(call("PUT", "/api/people/admin/permissions/minors-data", "{}", securityAdmin).statusCode())
                .isEqualTo(200);
        assertThat(find(json(call("GET", "/api/people?schoolId=hill", null, platformAdmin)), pupil).get("name")
                .asText()).isEqualTo("Xiao Hong");
        assertThat(json(call("GET", "/api/people/" + pupil + "/data", null, platformAdmin)).at("/person/name")
                .asText()).isEqualTo("Xiao Hong");

        HttpResponse<String> trail = call("GET", "/api/audit?limit=50", null, auditor);
        assertThat(trail.statusCode()).isEqualTo(200);
        assertThat(trail.body()).contains("\"action\":\"permission_granted\"", "\"action\":\"minors_data_read\"",
                "\"actorId\":\"admin\"", "\"subject\":\"" + pupil + "\"").doesNotContain("Xiao Hong");
        // Separated: the administrators do not read the trail; the auditor changes nothing.
        assertThat(call("GET", "/api/audit", null, platformAdmin).body()).contains("\"error\":\"forbidden\"");
        assertThat(call("GET", "/api/audit", null, securityAdmin).body()).contains("\"error\":\"forbidden\"");
        assertThat(call("POST", "/api/schools", "{\"name\":\"Auditor's school\"}", auditor).body())
                .contains("\"error\":\"forbidden\"");
        assertThat(call("PUT", "/api/people/admin/permissions/minors-data", "{}", auditor).body())
                .contains("\"error\":\"forbidden\"");
        assertThat(call("GET", "/api/audit?limit=0", null, auditor).body()).contains("invalid_field");
        assertThat(call("POST", "/api/people", "{\"schoolId\":\"hill\",\"name\":\"Auditor 2\",\"role\":\"auditor\"}",
                platformAdmin).body()).as("the three work for the whole platform").contains("leave schoolId out");
        assertThat(call("POST", "/api/people", "{\"schoolId\":\"hill\",\"name\":\"Boss\",\"role\":\"security_admin\"}",
                schoolAdmin).body()).contains("only a platform administrator appoints a security_admin");
    }

    @Test
    void aRealNameIsVerifiedBySecurityOrTheSchoolWithAKnownMethod() throws Exception { // S4
        String teacher = newPerson(schoolAdmin, "{\"schoolId\":\"hill\",\"name\":\"Wang\",\"role\":\"lead_teacher\"}");
        assertThat(call("PUT", "/api/people/" + teacher + "/real-name", "{\"method\":\"documents_checked\"}",
                platformAdmin).body()).as("the platform administrator does not vouch for people")
                .contains("forbidden");
        assertThat(call("PUT", "/api/people/" + teacher + "/real-name", "{\"method\":\"operator_declared\"}",
                schoolAdmin).body()).contains("invalid_field", "documents_checked, qualification_registry");
        JsonNode verified = json(call("PUT", "/api/people/" + teacher + "/real-name",
                "{\"method\":\"qualification_registry\"}", schoolAdmin));
        assertThat(verified.get("verified").asBoolean()).isTrue();
        assertThat(verified.get("verifiedBy").asText()).isEqualTo("head");
        assertThat(domain.access().records().realName(teacher)).isPresent();
        assertThat(json(call("DELETE", "/api/people/" + teacher + "/real-name", null, securityAdmin))
                .get("verified").asBoolean()).isFalse();
        assertThat(domain.access().records().realName(teacher)).isEmpty();
        assertThat(call("PUT", "/api/people/nobody/real-name", "{\"method\":\"documents_checked\"}", schoolAdmin)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aGuardianSeesCorrectsAndAsksToDeleteAChildsDataAndIsToldWhyNot() throws Exception { // S39
        String pupil = newPerson(schoolAdmin, "{\"schoolId\":\"hill\",\"name\":\"Xiao Ming\",\"role\":\"learner\"}");
        assertThat(call("POST", "/api/people", "{\"schoolId\":\"hill\",\"name\":\"Mum\",\"role\":\"guardian\"}",
                schoolAdmin).body()).contains("missing_field", "wardId");
        String mother = newPerson(schoolAdmin, "{\"schoolId\":\"hill\",\"name\":\"Mum\",\"role\":\"guardian\","
                + "\"wardId\":\"" + pupil + "\"}");
        String mum = TestAccess.cookie(domain, domain.schools().person(mother).orElseThrow());
        String child = TestAccess.cookie(domain, domain.schools().person(pupil).orElseThrow());
        String stranger = signIn(new Person("stranger", "hill", "Other parent", PersonRole.GUARDIAN));

        JsonNode data = json(call("GET", "/api/people/" + pupil + "/data", null, mum));
        assertThat(data.at("/person/name").asText()).isEqualTo("Xiao Ming");
        assertThat(data.get("guardianIds").toString()).contains(mother);
        assertThat(call("GET", "/api/people/" + pupil + "/data", null, stranger).body())
                .contains("\"error\":\"out_of_scope\"");
        assertThat(call("PATCH", "/api/people/" + pupil, "{\"name\":\"Li Xiaoming\"}", mum).statusCode())
                .isEqualTo(200);
        assertThat(domain.schools().person(pupil).orElseThrow().name()).isEqualTo("Li Xiaoming");
        assertThat(call("PATCH", "/api/people/" + pupil, "{\"name\":\"x\",\"role\":\"platform_admin\"}", mum)
                .body()).as("only the name is corrected").contains("unknown field");

        HttpResponse<String> asked = call("POST", "/api/people/" + pupil + "/deletion-requests", "{}", mum);
        assertThat(asked.statusCode()).isEqualTo(201);
        String request = json(asked).get("id").asText();
        assertThat(call("GET", "/api/data-requests", null, schoolAdmin).body()).contains(request);
        assertThat(call("POST", "/api/data-requests/" + request + "/decision", "{\"carryOut\":false}", schoolAdmin)
                .body()).contains("needs its reason");
        assertThat(call("POST", "/api/data-requests/" + request + "/decision", "{\"carryOut\":false,"
                + "\"reason\":\"Xiao Ming is in the spring lesson series; we delete at its end.\"}", schoolAdmin)
                .statusCode()).isEqualTo(200);
        JsonNode decided = json(call("GET", "/api/people/" + pupil + "/deletion-requests", null, mum));
        assertThat(decided.get(0).get("state").asText()).isEqualTo("refused");
        assertThat(decided.get(0).get("reason").asText()).contains("spring lesson series");

        String again = json(call("POST", "/api/people/" + pupil + "/deletion-requests", "{}", child)).get("id")
                .asText();
        assertThat(call("POST", "/api/data-requests/" + again + "/decision", "{\"carryOut\":true}", mum).body())
                .as("a guardian asks; the school decides").contains("forbidden");
        assertThat(json(call("POST", "/api/data-requests/" + again + "/decision", "{\"carryOut\":true}",
                schoolAdmin)).get("state").asText()).isEqualTo("carried_out");
        assertThat(domain.schools().person(pupil)).isEmpty();
        assertThat(call("GET", "/api/session", null, child).statusCode()).as("signed out everywhere")
                .isEqualTo(401);
        assertThat(call("GET", "/api/people/" + pupil + "/data", null, mum).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/data-requests/" + again + "/decision", "{\"carryOut\":true}", schoolAdmin)
                .statusCode()).isEqualTo(409);
        assertThat(call("POST", "/api/data-requests/" + again + "/decision", "{\"carryOut\":\"yes\"}", schoolAdmin)
                .statusCode()).isEqualTo(409);
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode node : list) {
            if (node.get("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError(id + " not listed in " + list);
    }
    /** S23: the auditor searches the trail by time, who, action and outcome, and exports it; each export is audited. */
    @Test
    void theAuditorSearchesAndExportsTheTrailAndTheExportIsAudited() throws Exception {
        AuditTrail trail = domain.access().records().audit();
        Instant start = Instant.now().minusSeconds(1);
        trail.record(new AuditActor("searcher", "lead_teacher", "10.4.0.1"), "login_failed", Outcome.FAILURE,
                "searcher", "failures=1");
        trail.record(new AuditActor("searcher", "lead_teacher", "10.4.0.1"), "login", Outcome.SUCCESS, "searcher",
                "password, with \"quotes\", and =SUM(A1)");
        JsonNode found = json(call("GET", "/api/audit?actorId=searcher&outcome=failure&from=" + start, null,
                auditor));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("action").asText()).isEqualTo("login_failed");
        assertThat(found.get(0).get("sourceAddress").asText()).isEqualTo("10.4.0.1");
        assertThat(found.get(0).get("seq").asLong()).isPositive();
        assertThat(json(call("GET", "/api/audit?actorId=searcher&to=" + start, null, auditor))).isEmpty();
        assertThat(call("GET", "/api/audit?outcome=maybe", null, auditor).body()).contains("invalid_field",
                "\"field\":\"outcome\"");
        assertThat(call("GET", "/api/audit?from=yesterday", null, auditor).body()).contains("\"field\":\"from\"");

        HttpResponse<String> csv = call("GET", "/api/audit/export?actorId=searcher", null, auditor);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("seq,at,actor_id,actor_role,action,outcome,source_address,subject,detail,"
                + "prev_hash,hash");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).contains(",searcher,lead_teacher,login_failed,failure,10.4.0.1,searcher,failures=1,");
        assertThat(lines[2]).contains(",\"password, with \"\"quotes\"\", and =SUM(A1)\",");
        assertThat(lines[2]).as("each row's previous hash and its own").matches(".*,[0-9a-f]{64},[0-9a-f]{64}");

        JsonNode exports = json(call("GET", "/api/audit?action=audit_exported&actorId=auditor", null, auditor));
        assertThat(exports.get(0).get("detail").asText()).isEqualTo("2 entries; actor=searcher");
        assertThat(exports.get(0).get("outcome").asText()).isEqualTo("success");
        assertThat(exports.get(0).get("sourceAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(call("GET", "/api/audit/export", null, platformAdmin).body()).as("the auditor's only")
                .contains("\"error\":\"forbidden\"");
        assertThat(trail.verify(null).intact()).isTrue();
    }
}
