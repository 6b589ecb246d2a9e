package org.sanke.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.Role;
import org.sanke.classroom.School;
import org.sanke.signaling.testing.NoBlockingOnEventLoops;

/**
 * Graded measures and the blacklist (S16): safety staff keep a person out of every lesson until they lift it, the
 * person in a lesson leaves it at once, a warning changes nothing; nobody else takes measures, and each is audited.
 */
@NoBlockingOnEventLoops
class SanctionsApiTest {
    private static SignalingServer server;
    private static LessonDirectory lessons;

    @BeforeAll
    static void start() throws Exception {
        lessons = new LessonDirectory();
        server = TestAccess.startWithoutMedia(lessons);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsClient join(String lesson, Person learner) throws Exception {
        WsClient socket = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        socket.send("{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"learner\","
                + "\"name\":\"x\",\"grant\":\"" + server.domain().access().grants().forPerson(learner, lesson,
                Role.LEARNER).token() + "\"}");
        return socket;
    }

    @Test
    void staffKeepAPersonOutOfEveryLessonUntilTheyLiftIt() throws Exception {
        Domain domain = server.domain();
        domain.schools().add(new School("s-sanctions", "Hill School"));
        Person learner = new Person("u-sanctioned", "s-sanctions", "Xiao Hu", PersonRole.LEARNER);
        domain.schools().add(learner);
        Person staff = new Person("u-security", null, "Security", PersonRole.SECURITY_ADMIN);
        domain.schools().add(staff);
        Person teacher = new Person("u-plain-teacher", "s-sanctions", "Wang", PersonRole.LEAD_TEACHER);
        domain.schools().add(teacher);
        String staffCookie = TestAccess.cookie(domain, staff);
        String lesson = lessons.create("Open lesson", LessonMode.FAMOUS_SCHOOL, 0).id();
        WsClient inLesson = join(lesson, learner);
        assertThat(inLesson.next()).contains("\"type\":\"joined\"");

        String body = "{\"subjectKind\":\"person\",\"subjectId\":\"u-sanctioned\",\"measure\":\"%s\","
                + "\"reason\":\"insults in the chat\"}";
        assertThat(TestAccess.call(server, "POST", "/api/sanctions", body.formatted("blacklist"),
                TestAccess.cookie(domain, teacher)).statusCode()).as("a teacher takes no measures").isEqualTo(403);
        HttpResponse<String> warned = TestAccess.call(server, "POST", "/api/sanctions", body.formatted("warn"),
                staffCookie);
        assertThat(warned.statusCode()).as(warned.body()).isEqualTo(201);
        WsClient afterWarning = join(lesson, learner);
        assertThat(afterWarning.next()).as("a warning keeps nobody out").contains("\"type\":\"joined\"");
        afterWarning.close();

        HttpResponse<String> blacklisted = TestAccess.call(server, "POST", "/api/sanctions",
                body.formatted("blacklist"), staffCookie);
        assertThat(blacklisted.statusCode()).as(blacklisted.body()).isEqualTo(201);
        assertThat(inLesson.closeCode.get(5, TimeUnit.SECONDS)).as("out of the lesson at once").isIn(4005, 4007);
        WsClient refused = join(lesson, learner);
        assertThat(refused.next()).contains("\"code\":\"kept_out\"");
        refused.close();

        String id = blacklisted.body().replaceAll("^\\{\"id\":\"([^\"]+)\".*", "$1");
        assertThat(TestAccess.call(server, "GET", "/api/sanctions", null, staffCookie).body())
                .contains("\"measure\":\"blacklist\"", "\"subjectName\":\"Xiao Hu\"", "insults in the chat");
        assertThat(TestAccess.call(server, "DELETE", "/api/sanctions/" + id, null, staffCookie).statusCode())
                .isEqualTo(200);
        WsClient back = join(lesson, learner);
        assertThat(back.next()).as("lifted, the person comes back").contains("\"type\":\"joined\"");
        back.close();

        domain.access().records().audit().flush(Duration.ofSeconds(5));
        assertThat(domain.access().records().audit().newestFirst(50, null))
                .extracting(e -> e.action() + ":" + e.subject())
                .contains("sanction_imposed:u-sanctioned", "sanction_lifted:u-sanctioned");
    }
}
