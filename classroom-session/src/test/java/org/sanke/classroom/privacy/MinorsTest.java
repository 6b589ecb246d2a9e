package org.sanke.classroom.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.store.Database;
import org.sanke.classroom.store.JdbcMinorStatusStore;

/**
 * S33 as a policy: a learner is a minor unless stated; an under-14 publishes and is recorded only with a guardian's
 * consent, which can be withdrawn; a minor is only ever a learner. Kept in the database and read back at start.
 */
class MinorsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);
    private final Database database = Database.open("jdbc:h2:mem:minors-" + System.nanoTime(), "sa", "");
    private final Person pupil = new Person("pupil", "s1", "Xiao Ming", PersonRole.LEARNER);
    private final Person teacher = new Person("teacher", "s1", "Wang Fang", PersonRole.LEAD_TEACHER);

    private Minors minors() {
        return new Minors(new JdbcMinorStatusStore(database), CLOCK);
    }

    @Test
    void aLearnerIsAMinorByDefaultAndAnyoneElseAnAdult() {
        Minors minors = minors();
        assertThat(minors.of(pupil).band()).isEqualTo(AgeBand.MINOR);
        assertThat(minors.of(teacher).band()).isEqualTo(AgeBand.ADULT);
        assertThat(minors.mayPublish("pupil")).isTrue();
        assertThat(minors.mayPublish(null)).isTrue();
    }

    @Test
    void anUnder14PublishesAndIsRecordedOnlyWithConsentAndItSurvivesARestart() throws Exception {
        Minors minors = minors();
        minors.setBand(pupil, AgeBand.UNDER_14, "admin");
        assertThat(minors.mayPublish("pupil")).isFalse();
        assertThat(minors.mayBeRecorded("pupil")).isFalse();

        MinorStatus consented = minors.consent(pupil, true, "guardian");
        assertThat(consented.consentBy()).isEqualTo("guardian");
        assertThat(consented.consentAt()).isEqualTo(CLOCK.instant());
        assertThat(minors.mayPublish("pupil")).isTrue();
        assertThat(minors().mayPublish("pupil")).as("read back from the database").isTrue();
        assertThat(minors().of(pupil).band()).isEqualTo(AgeBand.UNDER_14);

        minors.consent(pupil, false, "guardian");
        assertThat(minors.mayPublish("pupil")).isFalse();
        assertThat(minors().mayBeRecorded("pupil")).isFalse();

        minors.consent(pupil, true, "guardian");
        minors.setBand(pupil, AgeBand.MINOR, "admin");
        assertThat(minors.of(pupil).consented()).as("a changed band keeps the consent").isTrue();
    }

    @Test
    void aMinorIsOnlyEverALearner() throws Exception {
        Minors minors = minors();
        assertThatThrownBy(() -> minors.setBand(teacher, AgeBand.UNDER_14, "admin"))
                .isInstanceOf(Minors.Refused.class).extracting(e -> ((Minors.Refused) e).code())
                .isEqualTo("minor_must_be_learner");
        assertThatThrownBy(() -> minors.checkRole(pupil, PersonRole.LEAD_TEACHER))
                .extracting(e -> ((Minors.Refused) e).code()).isEqualTo("minor_cannot_broadcast");
        minors.setBand(pupil, AgeBand.ADULT, "admin");
        minors.checkRole(pupil, PersonRole.ASSISTANT_TEACHER); // an adult learner may become a teacher
        assertThatThrownBy(() -> minors.consent(pupil, true, "guardian"))
                .extracting(e -> ((Minors.Refused) e).code()).isEqualTo("not_a_minor");
    }
}
