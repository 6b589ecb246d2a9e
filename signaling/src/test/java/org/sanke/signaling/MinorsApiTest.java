package org.sanke.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.MemoryLessonStore;
import org.sanke.classroom.ModePolicies;
import org.sanke.classroom.ModePolicy;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.Role;
import org.sanke.classroom.School;
import org.sanke.signaling.testing.NoBlockingOnEventLoops;

/**
 * Minors (S33) through the API and the protocol: the school marks a pupil under 14; without a guardian's consent the
 * teacher cannot bring the pupil on stage and the pupil's own page cannot publish; the guardian consents (nobody
 * else's guardian can) and the pupil comes on stage; a minor never becomes a teacher. Changes are audited.
 */
@NoBlockingOnEventLoops
class MinorsApiTest {
    private static SignalingServer server;
    private static LessonDirectory lessons;

    @BeforeAll
    static void start() throws Exception {
        // An open lesson whose teacher may bring learners on stage (--mode-stage famous_school=learner).
        ModePolicy open = ModePolicies.defaults().of(LessonMode.FAMOUS_SCHOOL);
        lessons = new LessonDirectory(new MemoryLessonStore(), ModePolicies.defaults().with(LessonMode.FAMOUS_SCHOOL,
                new ModePolicy(open.maxClassrooms(), open.maxAudience(), open.audienceRoles(), Set.of(Role.LEARNER))));
        server = TestAccess.startWithoutMedia(lessons);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> put(String path, String body, String cookie) throws Exception {
        return TestAccess.call(server, "PUT", path, body, cookie);
    }

    @Test
    void anUnder14PupilComesOnStageAndPublishesOnlyWithAGuardiansConsent() throws Exception {
        Domain domain = server.domain();
        domain.schools().add(new School("s-minors", "River School"));
        Person pupil = new Person("u-pupil", "s-minors", "Xiao Yu", PersonRole.LEARNER);
        Person mother = new Person("u-mother", "s-minors", "Yu's mother", PersonRole.GUARDIAN);
        Person otherParent = new Person("u-other-parent", "s-minors", "Another parent", PersonRole.GUARDIAN);
        Person schoolAdmin = new Person("u-river-admin", "s-minors", "River admin", PersonRole.SCHOOL_ADMIN);
        Person teacher = TestAccess.verifiedPerson(domain, PersonRole.LEAD_TEACHER, "Teacher Li");
        for (Person p : new Person[] {pupil, mother, otherParent, schoolAdmin}) {
            domain.schools().add(p);
        }
        domain.access().records().linkGuardian(schoolAdmin, mother, pupil.id());
        domain.access().records().declareRealName(pupil.id()); // S4: who speaks in an open lesson is known
        String admin = TestAccess.cookie(domain, schoolAdmin);

        // The school says who is under 14; a teacher cannot, and an adult role is no minor.
        assertThat(put("/api/people/u-pupil/age-band", "{\"ageBand\":\"under_14\"}",
                TestAccess.cookie(domain, teacher)).statusCode()).isEqualTo(403);
        assertThat(put("/api/people/u-pupil/age-band", "{\"ageBand\":\"toddler\"}", admin).body())
                .contains("invalid_field", "ageBand");
        HttpResponse<String> marked = put("/api/people/u-pupil/age-band", "{\"ageBand\":\"under_14\"}", admin);
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
        assertThat(marked.body()).contains("\"ageBand\":\"under_14\"", "\"guardianConsent\":false",
                "\"publishes\":false", "\"recorded\":false");
        assertThat(put("/api/people/u-river-admin/age-band", "{\"ageBand\":\"minor\"}", admin).body())
                .contains("minor_must_be_learner");
        // A minor never takes a broadcasting role.
        HttpResponse<String> promoted = put("/api/people/u-pupil", "{\"schoolId\":\"s-minors\",\"name\":\"Xiao Yu\","
                + "\"role\":\"lead_teacher\"}", admin);
        assertThat(promoted.statusCode()).isEqualTo(409);
        assertThat(promoted.body()).contains("minor_cannot_broadcast");

        String lesson = lessons.create("Open lesson", LessonMode.FAMOUS_SCHOOL, 0).id();
        WsClient teacherSocket = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        teacherSocket.send("{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"teacher\","
                + "\"name\":\"Teacher Li\",\"grant\":\"" + domain.access().grants().forPerson(teacher, lesson,
                Role.TEACHER).token() + "\"}");
        assertThat(teacherSocket.next()).contains("\"type\":\"joined\"");
        WsClient pupilSocket = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        pupilSocket.send("{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"learner\","
                + "\"name\":\"Xiao Yu\",\"grant\":\"" + domain.access().grants().forPerson(pupil, lesson,
                Role.LEARNER).token() + "\"}");
        String joined = pupilSocket.next();
        assertThat(joined).contains("\"type\":\"joined\"");
        String pupilId = joined.replaceAll("(?s)^.*?\"participantId\":\"([^\"]+)\".*$", "$1");

        String stage = "{\"type\":\"stage\",\"requestId\":%d,\"participantId\":\"" + pupilId + "\",\"on\":true}";
        teacherSocket.send(stage.formatted(2));
        assertThat(teacherSocket.reply(2)).contains("guardian_consent_required");

        // Consent is the pupil's guardian's: another parent cannot give it.
        assertThat(put("/api/people/u-pupil/guardian-consent", "{\"consent\":true}",
                TestAccess.cookie(domain, otherParent)).statusCode()).isEqualTo(403);
        assertThat(put("/api/people/u-pupil/guardian-consent", "{\"consent\":\"yes\"}",
                TestAccess.cookie(domain, mother)).body()).contains("invalid_field", "consent");
        HttpResponse<String> consented = put("/api/people/u-pupil/guardian-consent", "{\"consent\":true}",
                TestAccess.cookie(domain, mother));
        assertThat(consented.statusCode()).as(consented.body()).isEqualTo(200);
        assertThat(consented.body()).contains("\"guardianConsent\":true", "\"publishes\":true");
        teacherSocket.send(stage.formatted(3));
        assertThat(teacherSocket.reply(3)).doesNotContain("error");
        assertThat(pupilSocket.nextContaining("stageChanged")).contains("\"on\":true");

        // Withdrawn: the pupil's page may ask to publish, and is refused before any media is set up.
        assertThat(put("/api/people/u-pupil/guardian-consent", "{\"consent\":false}",
                TestAccess.cookie(domain, mother)).body()).contains("\"publishes\":false");
        pupilSocket.send("{\"type\":\"publish\",\"requestId\":4,\"sdp\":\"v=0\"}");
        assertThat(pupilSocket.reply(4)).contains("guardian_consent_required");
        teacherSocket.close();
        pupilSocket.close();

        assertThat(TestAccess.call(server, "GET", "/api/people/u-pupil/data", null, TestAccess.cookie(domain, mother))
                .body()).contains("\"minor\":{", "\"ageBand\":\"under_14\"", "\"guardianConsent\":false");
        domain.access().records().audit().flush(Duration.ofSeconds(5));
        Person auditor = new Person("u-auditor-m", null, "Auditor", PersonRole.AUDITOR);
        domain.schools().add(auditor);
        String trail = TestAccess.call(server, "GET", "/api/audit?limit=50", null, TestAccess.cookie(domain,
                auditor)).body();
        assertThat(trail).contains("age_band_set", "guardian_consent_given", "guardian_consent_withdrawn");
    }
}
