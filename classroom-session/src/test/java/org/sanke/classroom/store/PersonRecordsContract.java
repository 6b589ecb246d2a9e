package org.sanke.classroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.Participant;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.School;
import org.sanke.classroom.SettableClock;
import org.sanke.classroom.access.AccessAudit;
import org.sanke.classroom.access.Accounts;
import org.sanke.classroom.access.Passwords;
import org.sanke.classroom.audit.AuditEvent;
import org.sanke.classroom.audit.AuditTrail;
import org.sanke.classroom.privacy.DataRequest;
import org.sanke.classroom.privacy.PersonData;
import org.sanke.classroom.privacy.PersonRecords;
import org.sanke.classroom.privacy.RealNameMethod;
import org.sanke.classroom.privacy.StaffPermission;

/**
 * People's records on H2 and on PostgreSQL: real names (S4), the minors-data permission and its audit (S34), a
 * person's or guardian's view, correction and deletion request, and a refusal that carries its reason (S39).
 */
abstract class PersonRecordsContract {
    abstract Database freshDatabase() throws Exception;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);
    private final List<String> signedOut = new CopyOnWriteArrayList<>();
    private JdbcSchoolRegistry people;
    private Accounts accounts;
    private PersonRecords records;
    private AuditTrail audit;
    private JdbcAttendanceStore attendance;
    private Person security;
    private Person schoolAdmin;
    private Person pupil;
    private Person mother;

    @BeforeEach
    void setUp() throws Exception {
        Database db = freshDatabase();
        people = new JdbcSchoolRegistry(db);
        people.add(new School("hill", "Hill School"));
        JdbcAccountStore accountStore = new JdbcAccountStore(db);
        audit = new AuditTrail(new JdbcAuditStore(db), clock);
        accounts = new Accounts(accountStore, people, new Passwords(64, 1), AccessAudit.into(audit), clock);
        records = new PersonRecords(people, accountStore, new JdbcRealNameStore(db), new JdbcGuardianStore(db),
                new JdbcStaffPermissionStore(db), new JdbcDataRequestStore(db), new JdbcPersonErasure(db),
                new JdbcPersonAttendance(db), audit, clock);
        attendance = new JdbcAttendanceStore(db);
        records.onErase(signedOut::add);
        security = add(new Person("sec", null, "Security", PersonRole.SECURITY_ADMIN));
        schoolAdmin = add(new Person("head", "hill", "Head", PersonRole.SCHOOL_ADMIN));
        pupil = add(new Person("pupil", "hill", "Xiao Ming", PersonRole.LEARNER));
        mother = add(new Person("mother", "hill", "Mother", PersonRole.GUARDIAN));
        records.linkGuardian(schoolAdmin, mother, pupil.id());
    }

    private Person add(Person person) {
        people.add(person);
        return person;
    }

    @Test
    void aRealNameIsRecordedWithItsMethodAndWithdrawnAndBothAreAudited() throws Exception { // S4
        Person teacher = add(new Person("t1", "hill", "Wang", PersonRole.LEAD_TEACHER));
        assertThat(records.realName(teacher.id())).isEmpty();
        records.verifyRealName(security, teacher.id(), RealNameMethod.QUALIFICATION_REGISTRY);
        var verification = records.realName(teacher.id()).orElseThrow();
        assertThat(verification.method()).isEqualTo(RealNameMethod.QUALIFICATION_REGISTRY);
        assertThat(verification.verifiedBy()).isEqualTo("sec");
        records.withdrawRealName(schoolAdmin, teacher.id());
        assertThat(records.realName(teacher.id())).isEmpty();
        assertThat(actions()).contains("real_name_verified sec t1", "real_name_withdrawn head t1");
        assertThatThrownBy(() -> records.verifyRealName(security, "ghost", RealNameMethod.DOCUMENTS_CHECKED))
                .isInstanceOf(PersonRecords.Refused.class).hasMessageContaining("no person has the id ghost");
    }

    @Test
    void staffReadAMinorsDataOnlyWithThePermissionAndEveryReadIsAudited() throws Exception { // S34
        assertThat(records.mayReadMinor(schoolAdmin)).isFalse();
        assertThatThrownBy(() -> records.export(schoolAdmin, pupil.id())).isInstanceOf(PersonRecords.Refused.class)
                .hasMessageContaining("minors-data permission");
        assertThatThrownBy(() -> records.permit(security, security.id(), StaffPermission.MINORS_DATA))
                .hasMessageContaining("nobody gives a permission to themselves");
        assertThatThrownBy(() -> records.permit(security, mother.id(), StaffPermission.MINORS_DATA))
                .hasMessageContaining("only staff hold permissions");
        records.permit(security, schoolAdmin.id(), StaffPermission.MINORS_DATA);
        assertThat(records.mayReadMinor(schoolAdmin)).isTrue();
        assertThat(records.export(schoolAdmin, pupil.id()).person().name()).isEqualTo("Xiao Ming");
        assertThat(actions()).contains("permission_granted sec head", "minors_data_read head pupil");
        records.withdrawPermission(security, schoolAdmin.id(), StaffPermission.MINORS_DATA);
        assertThat(records.mayReadMinor(schoolAdmin)).isFalse();
        assertThat(records.mayReadMinor(mother)).as("a guardian is not staff: the table decides for her").isTrue();
    }

    @Test
    void aGuardianSeesCorrectsAndAsksToDeleteAChildsDataAndReadsTheReasonOfARefusal() throws Exception { // S39
        accounts.create(pupil, "xiaoming", "Spring-Rain-2026", false);
        attendance.joined("open-1", new Participant("p1", org.sanke.classroom.Role.LEARNER, "Xiao Ming", null, false,
                pupil.id()), clock.instant());
        attendance.joined("open-1", new Participant("p2", org.sanke.classroom.Role.LEARNER, "Someone", null, false,
                null), clock.instant());
        PersonData data = records.export(mother, pupil.id());
        assertThat(data.lessons()).extracting(l -> l.lessonId() + " " + l.role()).containsExactly("open-1 learner");
        assertThat(data.person().name()).isEqualTo("Xiao Ming");
        assertThat(data.loginName()).isEqualTo("xiaoming");
        assertThat(data.guardianIds()).containsExactly("mother");
        assertThat(records.export(mother, mother.id()).wardIds()).containsExactly("pupil");
        assertThat(records.target(pupil.id()).orElseThrow().guardianIds()).containsExactly("mother");

        assertThat(records.correctName(mother, pupil.id(), "Li Xiaoming").name()).isEqualTo("Li Xiaoming");
        assertThat(people.person(pupil.id()).orElseThrow().name()).isEqualTo("Li Xiaoming");
        assertThatThrownBy(() -> records.correctName(mother, pupil.id(), " ")).isInstanceOf(
                PersonRecords.Refused.class);

        DataRequest asked = records.requestDeletion(mother, pupil.id());
        assertThat(asked.state()).isEqualTo(DataRequest.State.PENDING);
        assertThatThrownBy(() -> records.requestDeletion(pupil, pupil.id())).hasMessageContaining("already waiting");
        assertThat(records.pendingRequests()).extracting(DataRequest::id).containsExactly(asked.id());
        assertThatThrownBy(() -> records.decide(schoolAdmin, asked.id(), false, " "))
                .hasMessageContaining("needs its reason");
        DataRequest refused = records.decide(schoolAdmin, asked.id(), false,
                "The pupil is in a lesson series until 2027-01-15; we delete the data at its end.");
        assertThat(refused.state()).isEqualTo(DataRequest.State.REFUSED);
        assertThat(records.requestsOf(pupil.id()).get(0).reason()).contains("until 2027-01-15");
        assertThatThrownBy(() -> records.decide(schoolAdmin, asked.id(), true, null))
                .hasMessageContaining("already decided");
        assertThat(people.person(pupil.id())).as("a refusal deletes nothing").isPresent();

        clock.advance(Duration.ofDays(40));
        DataRequest again = records.requestDeletion(pupil, pupil.id());
        DataRequest done = records.decide(schoolAdmin, again.id(), true, null);
        assertThat(done.state()).isEqualTo(DataRequest.State.CARRIED_OUT);
        assertThat(signedOut).containsExactly("pupil");
        assertThat(people.person(pupil.id())).isEmpty();
        assertThat(accounts.byLogin("xiaoming")).isEmpty();
        assertThat(attendance.lesson("open-1")).extracting(org.sanke.classroom.AttendanceRecord::name)
                .as("the lesson still counts the pupil, without who it was")
                .containsExactly(JdbcPersonErasure.ERASED_NAME, "Someone");
        assertThat(records.export(mother, mother.id()).wardIds()).isEmpty();
        assertThat(records.requestsOf(pupil.id())).as("the record that it was handled stays, by opaque id")
                .extracting(DataRequest::state)
                .containsExactly(DataRequest.State.CARRIED_OUT, DataRequest.State.REFUSED);
        assertThat(actions()).contains("deletion_requested mother pupil", "deletion_refused head pupil",
                "deletion_carried_out head pupil");
        assertThat(audit.newestFirst(500, null)).extracting(AuditEvent::detail)
                .noneMatch(detail -> detail != null && detail.contains("Xiao"));
    }

    @Test
    void nobodyDecidesTheDeletionOfTheirOwnData() throws Exception {
        DataRequest own = records.requestDeletion(schoolAdmin, schoolAdmin.id());
        assertThatThrownBy(() -> records.decide(schoolAdmin, own.id(), true, null))
                .hasMessageContaining("their own data");
    }

    @Test
    void theTrailReadsNewestFirstInPages() {
        for (int i = 0; i < 7; i++) {
            audit.record(security, "test_event", "s" + i, null);
        }
        List<AuditEvent> first = audit.newestFirst(3, null);
        assertThat(first).extracting(AuditEvent::subject).startsWith("s6", "s5", "s4");
        List<AuditEvent> next = audit.newestFirst(3, first.get(2).id());
        assertThat(next).extracting(AuditEvent::subject).containsExactly("s3", "s2", "s1");
        assertThat(audit.newestFirst(100_000, null)).hasSizeLessThanOrEqualTo(AuditTrail.MAX_PAGE);
    }

    private List<String> actions() {
        return audit.newestFirst(500, null).stream().map(e -> e.action() + " " + e.actorId() + " " + e.subject())
                .toList();
    }
}
