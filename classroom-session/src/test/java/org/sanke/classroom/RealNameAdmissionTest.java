package org.sanke.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.access.JoinGrants;
import org.sanke.classroom.store.Database;
import org.sanke.classroom.store.JdbcRevokedGrantStore;
import org.sanke.classroom.store.JdbcSchoolRegistry;
import org.sanke.classroom.store.JdbcTimetableStore;

/**
 * S4: the teacher of a master-teacher or famous-school lesson joins only with a grant of her own and a verified real
 * name; an invitation link or an unverified teacher is refused with the reason. Dedicated lessons ask for none.
 */
class RealNameAdmissionTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);
    private final Database db = Database.open("jdbc:h2:mem:realnames-" + System.nanoTime(), "sa", "");
    private final SchoolRegistry people = new JdbcSchoolRegistry(db);
    private final LessonDirectory lessons = new LessonDirectory();
    private final JoinGrants grants = new JoinGrants(List.of(JoinGrants.newKey()), new JdbcRevokedGrantStore(db),
            clock);
    private final Person verified = new Person("wang", null, "Wang", PersonRole.LEAD_TEACHER);
    private final Person unverified = new Person("zhao", null, "Zhao", PersonRole.LEAD_TEACHER);
    private final LessonAdmission admission = new LessonAdmission(lessons,
            new Scheduling(people, new JdbcTimetableStore(db), clock), people, grants, Set.of("wang")::contains);

    @Test
    void onlyAVerifiedTeacherTeachesALessonThatReachesManySchools() {
        people.add(verified);
        people.add(unverified);
        for (LessonMode mode : List.of(LessonMode.MASTER_TEACHER, LessonMode.FAMOUS_SCHOOL)) {
            String lesson = lessons.create("Open " + mode, mode, 6, "wang").id();
            LessonAdmission.Result ok = admission.admit(lesson, Role.TEACHER, null, null,
                    grants.forPerson(verified, lesson, Role.TEACHER).token());
            assertThat(ok).isInstanceOfSatisfying(LessonAdmission.Open.class,
                    open -> assertThat(open.realNameVerified()).isTrue());
            assertThat(admission.admit(lesson, Role.TEACHER, null, null,
                    grants.forPerson(unverified, lesson, Role.TEACHER).token()))
                    .isEqualTo(new JoinResult.Refusal(JoinResult.Reason.REAL_NAME_REQUIRED, "only a teacher whose"
                            + " real name is verified teaches a " + mode.wireName() + " lesson; ask your school's"
                            + " administrator to verify it"));
            assertThat(admission.admit(lesson, Role.TEACHER, null, null,
                    grants.invitation(lesson, Role.TEACHER, Duration.ofHours(1)).token()))
                    .as("a link names nobody").isInstanceOfSatisfying(JoinResult.Refusal.class,
                            refusal -> assertThat(refusal.reason()).isEqualTo(JoinResult.Reason.REAL_NAME_REQUIRED));
            assertThat(admission.admit(lesson, Role.OBSERVER, null, null,
                    grants.invitation(lesson, Role.OBSERVER, Duration.ofHours(1)).token()))
                    .as("watching needs no real name").isInstanceOfSatisfying(LessonAdmission.Open.class,
                            open -> assertThat(open.realNameVerified()).isFalse());
        }
        String dedicated = lessons.create("Maths", LessonMode.DEDICATED, 6, "zhao").id();
        assertThat(admission.admit(dedicated, Role.TEACHER, null, null,
                grants.forPerson(unverified, dedicated, Role.TEACHER).token()))
                .isInstanceOf(LessonAdmission.Open.class);
    }
}
