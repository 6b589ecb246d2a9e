package org.sanke.classroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sanke.classroom.Lesson;
import org.sanke.classroom.LessonMode;

/** What every lesson store must do, run against H2 and against PostgreSQL. */
abstract class LessonStoreContract {
    /** A freshly migrated, empty database. */
    abstract Database freshDatabase() throws Exception;

    /** The same database opened again, as after a server restart. */
    abstract Database reopen(Database database);

    @Test
    void storesFindsAndListsLessons() throws Exception {
        JdbcLessonStore store = new JdbcLessonStore(freshDatabase());
        Lesson chinese = new Lesson("b-chinese", "Chinese, grade 3", LessonMode.DEDICATED, 4);
        Lesson open = new Lesson("a-open", "中文公开课", LessonMode.FAMOUS_SCHOOL, 20);
        assertThat(store.insert(chinese)).isTrue();
        assertThat(store.insert(open)).isTrue();
        assertThat(store.find("b-chinese")).contains(chinese);
        assertThat(store.find("nope")).isEmpty();
        assertThat(store.all()).containsExactly(open, chinese);
    }

    @Test
    void aTakenIdIsRefusedAndChangesNothing() throws Exception {
        JdbcLessonStore store = new JdbcLessonStore(freshDatabase());
        Lesson first = new Lesson("demo", "Demo", LessonMode.DEDICATED, 6);
        assertThat(store.insert(first)).isTrue();
        assertThat(store.insert(new Lesson("demo", "Other", LessonMode.MASTER_TEACHER, 2))).isFalse();
        assertThat(store.find("demo")).contains(first);
    }

    @Test
    void aRestartLosesNoLesson() throws Exception {
        Database database = freshDatabase();
        new JdbcLessonStore(database).insert(new Lesson("kept", "Maths", LessonMode.MASTER_TEACHER, 6));
        JdbcLessonStore afterRestart = new JdbcLessonStore(reopen(database));
        assertThat(afterRestart.find("kept")).hasValueSatisfying(l -> assertThat(l.title()).isEqualTo("Maths"));
    }
}
