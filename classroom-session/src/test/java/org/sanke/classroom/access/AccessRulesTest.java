package org.sanke.classroom.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;

/** S5, S24: the table's reaches; the full route matrix runs against the server in signaling's tests. */
class AccessRulesTest {
    private final Target.Lesson hillLesson = new Target.Lesson("math", "s1", Set.of("u1"), LessonMode.DEDICATED);

    @Test
    void nobodyUnknownMayDoAnything() {
        for (Action action : Action.values()) {
            assertThat(AccessRules.decide(Caller.ANONYMOUS, action, Target.platform()))
                    .isEqualTo(new Decision.Refused(Decision.Reason.LOGIN_REQUIRED, "log in first"));
        }
    }

    @Test
    void aTeacherTeachesHerOwnLessonsOnlyAndReadsHerOwnSchoolsPupils() {
        Person wang = new Person("u1", "s1", "Wang", PersonRole.LEAD_TEACHER);
        Person zhao = new Person("u3", "s1", "Zhao", PersonRole.LEAD_TEACHER);
        assertThat(decide(wang, Action.JOIN_AS_TEACHER, hillLesson).allowed()).isTrue();
        assertThat(decide(zhao, Action.JOIN_AS_TEACHER, hillLesson))
                .isEqualTo(new Decision.Refused(Decision.Reason.OUT_OF_SCOPE, "this is not a lesson you teach"));
        assertThat(decide(wang, Action.READ_PEOPLE, Target.school("s1")).allowed()).isTrue();
        assertThat(decide(wang, Action.READ_PEOPLE, Target.school("s2")))
                .isEqualTo(new Decision.Refused(Decision.Reason.OUT_OF_SCOPE, "this belongs to another school"));
        assertThat(decide(wang, Action.ADD_SCHOOL, Target.platform())).isEqualTo(new Decision.Refused(
                Decision.Reason.NOT_PERMITTED, "a lead_teacher may not do this (add_school)"));
    }

    @Test
    void learnersAndObserversNeverSeePupilsOrTakeATeachersSeat() {
        for (PersonRole role : new PersonRole[] {PersonRole.LEARNER, PersonRole.OBSERVER_TEACHER}) {
            Person p = new Person("u5", "s1", "P", role);
            assertThat(decide(p, Action.READ_PEOPLE, Target.school("s1")).allowed()).isFalse();
            assertThat(decide(p, Action.JOIN_AS_TEACHER, hillLesson).allowed()).isFalse();
            assertThat(decide(p, Action.JOIN_AS_INSPECTOR, hillLesson).allowed()).isFalse();
            assertThat(decide(p, Action.INVITE, hillLesson).allowed()).isFalse();
        }
    }

    @Test
    void inspectorsReachTheirJurisdictionAndTeachersWithoutASchoolReachNothing() {
        Person county = new Person("i1", "s1", "County", PersonRole.INSPECTOR);
        Person province = new Person("i2", null, "Province", PersonRole.INSPECTOR);
        Target.Lesson riverLesson = new Target.Lesson("art", "s2", Set.of("u9"), LessonMode.DEDICATED);
        assertThat(decide(county, Action.JOIN_AS_INSPECTOR, hillLesson).allowed()).isTrue();
        assertThat(decide(county, Action.JOIN_AS_INSPECTOR, riverLesson).allowed()).isFalse();
        assertThat(decide(province, Action.JOIN_AS_INSPECTOR, riverLesson).allowed()).isTrue();
        Person stray = new Person("u7", null, "Stray", PersonRole.SCHOOL_ADMIN);
        assertThat(decide(stray, Action.READ_PEOPLE, Target.school("s1")).allowed()).isFalse();
    }

    @Test
    void theDocsTableHasARowPerActionAndAColumnPerRole() {
        String table = AccessRules.markdown();
        assertThat(table.lines()).hasSize(Action.values().length + 2);
        assertThat(table).contains("| add_school | POST /api/schools, PUT, DELETE /api/schools/{id} | - | - | - | - | - | - | - | all |")
                .contains("| join_as_inspector |");
    }

    private static Decision decide(Person person, Action action, Target target) {
        return AccessRules.decide(Caller.of(person), action, target);
    }
}
