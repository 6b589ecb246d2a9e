package org.sanke.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sanke.classroom.Role;
import org.sanke.classroom.access.GrantCheck;
import org.sanke.classroom.access.JoinGrant;
import org.sanke.classroom.access.LoginSessions;
import org.sanke.loadtest.client.FakeNetwork;
import org.sanke.loadtest.client.SignalingConnection;
import org.sanke.loadtest.client.SimulatedClassroom;
import org.sanke.loadtest.stats.RunStats;
import org.sanke.media.dtls.DtlsCertificate;

/** The tool's login, lessons and grants against a real server in this JVM, with its trial teacher. */
class ServerHttpTest {
    @RegisterExtension
    static final InProcessSanke.PerClass SANKE = new InProcessSanke.PerClass();
    private static DtlsCertificate certificate;

    @BeforeAll
    static void certificate() throws Exception {
        certificate = DtlsCertificate.generate();
    }

    private static ServerHttp api(Credentials credentials) {
        return new ServerHttp(HttpClient.newHttpClient(), SANKE.uri(), credentials);
    }

    /** What the server makes of a grant: valid for this lesson and role, or why not. */
    private static JoinGrant valid(String token, String lessonId, Role role) {
        GrantCheck check = SANKE.server().domain().access().grants().check(token, lessonId, role);
        assertThat(check).as("%s grant for %s", role, lessonId).isInstanceOf(GrantCheck.Valid.class);
        return ((GrantCheck.Valid) check).grant();
    }

    @Test
    void aLessonComesWithTheInvitationsOfItsLinksAndTheTeacherGetsAFreshGrantOfHerOwn() throws Exception {
        ServerHttp api = api(InProcessSanke.credentials());
        ServerHttp.Lesson dedicated = api.createLesson("Dedicated", "dedicated", 2);
        assertThat(valid(dedicated.invitation("classroom"), dedicated.id(), Role.CLASSROOM).invitation()).isTrue();
        assertThat(dedicated.audienceRole()).isNull();
        assertThatThrownBy(() -> dedicated.invitation("observer")).hasMessageContaining("no invitation for the role");

        ServerHttp.Lesson master = api.createLesson("Master", "master_teacher", 0);
        assertThat(master.audienceRole()).isEqualTo("observer");
        assertThat(valid(master.invitation("observer"), master.id(), Role.OBSERVER).invitation()).isTrue();
        ServerHttp.Lesson open = api.createLesson("Open", "famous_school", 0);
        assertThat(open.audienceRole()).isEqualTo("learner");
        assertThat(valid(open.invitation("learner"), open.id(), Role.LEARNER).invitation()).isTrue();

        String first = api.grantFor(dedicated, "teacher");
        String second = api.teacherGrant(dedicated.id());
        assertThat(first).isNotEqualTo(second);
        JoinGrant own = valid(second, dedicated.id(), Role.TEACHER);
        assertThat(own.invitation()).isFalse();
        assertThat(own.personId()).isEqualTo(InProcessSanke.TEACHER_ID);
        assertThat(valid(api.invitation(dedicated.id(), "classroom"), dedicated.id(), Role.CLASSROOM).invitation())
                .isTrue();
        assertThat(dedicated.toString()).doesNotContain(dedicated.classroomInvitation());
    }

    @Test
    void joinsCarryTheGrantOfTheirRole() throws Exception {
        ServerHttp api = api(InProcessSanke.credentials());
        ServerHttp.Lesson lesson = api.createLesson("Grants", "dedicated", 2);
        RunStats stats = new RunStats();
        try (SimulatedClassroom teacher = participant("Teacher", "teacher", stats);
             SimulatedClassroom classroom = participant("Classroom", "classroom", stats);
             SimulatedClassroom impostor = participant("Impostor", "teacher", stats);
             SimulatedClassroom bare = participant("Bare", "classroom", stats)) {
            teacher.join(api.client(), api.server(), lesson.id(), api.grantFor(lesson, teacher.role()), 40, 300);
            classroom.join(api.client(), api.server(), lesson.id(), api.grantFor(lesson, classroom.role()), 40, 300);
            // The classrooms' link does not make anyone the teacher.
            assertThatThrownBy(() -> impostor.join(api.client(), api.server(), lesson.id(),
                    lesson.classroomInvitation(), 40, 300)).isInstanceOf(ExecutionException.class)
                    .hasRootCauseInstanceOf(SignalingConnection.ServerRefusal.class)
                    .hasMessageContaining("grant_not_for_this");
            assertThatThrownBy(() -> bare.join(api.client(), api.server(), lesson.id(), null, 40, 300))
                    .hasMessageContaining("needs a grant");
        }
        assertThat(stats.clientsFailed.get()).isZero();
    }

    @Test
    void whenTheServerLetsTheSessionGoTheToolLogsInAgain() throws Exception {
        ServerHttp api = api(InProcessSanke.credentials());
        api.logIn();
        ServerHttp.Lesson before = api.createLesson("Before", "dedicated", 1);
        // The server keeps 8 sessions a person: the ninth login lets the oldest go, as 30 idle minutes would.
        for (int i = 0; i < LoginSessions.PER_PERSON; i++) {
            api(InProcessSanke.credentials()).logIn();
        }
        ServerHttp.Lesson after = api.createLesson("After", "dedicated", 1);
        valid(api.teacherGrant(after.id()), after.id(), Role.TEACHER);
        assertThat(after.id()).isNotEqualTo(before.id());
    }

    @Test
    void aRefusedLoginSaysSoClearly() {
        ServerHttp wrong = api(new Credentials(InProcessSanke.LOGIN, "Wrong-Password-1"));
        assertThatThrownBy(() -> wrong.createLesson("Never", "dedicated", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("login refused: the server at " + SANKE.uri() + " does not know the login"
                        + " 'load' with this password (wrong_credentials")
                .hasMessageContaining("--seed-teacher").hasMessageNotContaining("Wrong-Password-1");
        assertThatThrownBy(() -> api(null).logIn()).hasMessageContaining("--seed-teacher=NAME");
        assertThatThrownBy(() -> new ServerHttp(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:1"),
                InProcessSanke.credentials()).logIn()).hasMessageContaining("cannot reach the server");
        assertThat(InProcessSanke.credentials().toString()).doesNotContain(InProcessSanke.PASSWORD);
    }

    @Test
    void linksAreReadForTheirGrant() {
        assertThat(ServerHttp.query("/observer.html?role=learner&lesson=L1&grant=a.b-c_d", "grant"))
                .isEqualTo("a.b-c_d");
        assertThat(ServerHttp.query("/observer.html?role=learner&lesson=L1&grant=a.b-c_d", "role"))
                .isEqualTo("learner");
        assertThat(ServerHttp.query("/classroom.html?lesson=L1", "grant")).isNull();
        assertThat(ServerHttp.query("", "grant")).isNull();
    }

    @Test
    void theLoginComesFromTheOptionOrSankeLoginAndThePasswordOnlyFromTheEnvironment() {
        assertThat(Credentials.from("load", Map.of("SANKE_PASSWORD", "pw"))).isEqualTo(new Credentials("load", "pw"));
        assertThat(Credentials.from(null, Map.of("SANKE_LOGIN", "env", "SANKE_PASSWORD", "pw")).login())
                .isEqualTo("env");
        assertThat(Credentials.from("option", Map.of("SANKE_LOGIN", "env", "SANKE_PASSWORD", "pw")).login())
                .isEqualTo("option");
        assertThat(Credentials.from(null, Map.of())).isNull();
        assertThatThrownBy(() -> Credentials.from("load", Map.of())).hasMessageContaining("SANKE_PASSWORD");
    }

    private static SimulatedClassroom participant(String name, String role, RunStats stats) {
        return new SimulatedClassroom(name, role, false, stats, FakeNetwork.PERFECT, certificate, false);
    }
}
