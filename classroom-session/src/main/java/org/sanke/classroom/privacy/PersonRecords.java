package org.sanke.classroom.privacy;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.SchoolRegistry;
import org.sanke.classroom.access.AccessRules;
import org.sanke.classroom.access.Account;
import org.sanke.classroom.access.AccountStore;
import org.sanke.classroom.access.Target;
import org.sanke.classroom.audit.AuditTrail;

/**
 * People's rights over their data and the records that prove who they are: real-name verification (S4), staff
 * permissions to read minors' data (S34), and a person's or guardian's view, export, correction and deletion
 * request (S39). Each change goes into the audit trail. Authorisation by role is the caller's (the
 * {@link AccessRules} table); what depends on the data itself is decided here. The stores block: worker threads.
 */
public final class PersonRecords {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The most lessons an export lists, newest first. */
    public static final int EXPORTED_LESSONS = 1000;

    private final SchoolRegistry people;
    private final AccountStore accounts;
    private final RealNameStore realNames;
    private final GuardianStore guardians;
    private final StaffPermissionStore permissions;
    private final DataRequestStore requests;
    private final PersonErasure erasure;
    private final PersonAttendance attendance;
    private final AuditTrail audit;
    private final Clock clock;
    private volatile Consumer<String> signOut = personId -> { };

    public PersonRecords(SchoolRegistry people, AccountStore accounts, RealNameStore realNames,
                         GuardianStore guardians, StaffPermissionStore permissions, DataRequestStore requests,
                         PersonErasure erasure, PersonAttendance attendance, AuditTrail audit, Clock clock) {
        this.people = people;
        this.accounts = accounts;
        this.realNames = realNames;
        this.guardians = guardians;
        this.permissions = permissions;
        this.requests = requests;
        this.erasure = erasure;
        this.attendance = attendance;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a refusal is about, for the caller to answer with. */
    public enum Problem { NOT_FOUND, PERMISSION_REQUIRED, INVALID, CONFLICT }

    /** A refusal that depends on the data, with a message for the person. */
    public static final class Refused extends Exception {
        private final Problem problem;

        public Refused(Problem problem, String message) {
            super(message);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** Signs a person out everywhere (sessions, grants, live lessons); called before their data is deleted. */
    public void onErase(Consumer<String> signOut) {
        this.signOut = signOut;
    }

    /** A person as a target of the table: their school and their guardians. */
    public Optional<Target.Person> target(String personId) {
        return people.person(personId).map(p -> new Target.Person(p.id(), p.schoolId(),
                guardians.guardiansOf(p.id())));
    }

    public Person person(String personId) throws Refused {
        return people.person(personId).orElseThrow(() -> new Refused(Problem.NOT_FOUND,
                "no person has the id " + personId));
    }

    /** Learners are minors. */
    public static boolean isMinor(Person person) {
        return person.role() == PersonRole.LEARNER;
    }

    // ---- real names (S4) -----------------------------------------------------------------------------------

    public RealNameVerification verifyRealName(Person by, String personId, RealNameMethod method) throws Refused {
        person(personId);
        RealNameVerification verification = new RealNameVerification(personId, method, by.id(), clock.instant());
        realNames.record(verification);
        audit.record(by, "real_name_verified", personId, method.wireName());
        return verification;
    }

    /** The operator who started the server vouches for a trial person (audited as the operator's). */
    public void declareRealName(String personId) throws Refused {
        person(personId);
        realNames.record(new RealNameVerification(personId, RealNameMethod.OPERATOR_DECLARED, "operator",
                clock.instant()));
        audit.record("operator", null, "real_name_verified", personId, RealNameMethod.OPERATOR_DECLARED.wireName());
    }

    public void withdrawRealName(Person by, String personId) throws Refused {
        person(personId);
        if (realNames.withdraw(personId)) {
            audit.record(by, "real_name_withdrawn", personId, null);
        }
    }

    public Optional<RealNameVerification> realName(String personId) {
        return realNames.find(personId);
    }

    /** Which of these people have a verified real name (one query for a list). */
    public Set<String> realNamesVerified(java.util.Collection<String> personIds) {
        return realNames.verifiedAmong(personIds);
    }

    // ---- staff permissions (S34) ---------------------------------------------------------------------------

    /** Gives a member of staff a permission; never to oneself, and only staff hold one. */
    public void permit(Person by, String personId, StaffPermission permission) throws Refused {
        Person staff = person(personId);
        if (staff.id().equals(by.id())) {
            throw new Refused(Problem.INVALID, "nobody gives a permission to themselves");
        }
        if (!AccessRules.STAFF.contains(staff.role())) {
            throw new Refused(Problem.INVALID, "only staff hold permissions; a " + staff.role().wireName()
                    + " reads what the table gives the role");
        }
        permissions.grant(personId, permission, by.id(), clock.instant());
        audit.record(by, "permission_granted", personId, permission.wireName());
    }

    public void withdrawPermission(Person by, String personId, StaffPermission permission) throws Refused {
        person(personId);
        if (permissions.withdraw(personId, permission)) {
            audit.record(by, "permission_withdrawn", personId, permission.wireName());
        }
    }

    /**
     * Whether {@code reader} may read this minor's data beyond what the table gives: staff need the permission
     * (S34); anyone else the table lets in (the person, a guardian, the school's teachers) may. Staff reads that
     * are allowed are audited by the caller through {@link #minorsDataRead}.
     */
    public boolean mayReadMinor(Person reader) {
        return !AccessRules.STAFF.contains(reader.role()) || permissions.holds(reader.id(), StaffPermission.MINORS_DATA);
    }

    /** Audits a read of minors' data: whose (one person, or a school's list) and how many minors. */
    public void minorsDataRead(Person reader, String subject, int minors) {
        audit.record(reader, "minors_data_read", subject, minors + (minors == 1 ? " minor" : " minors"));
    }

    // ---- a person's own data (S39) -------------------------------------------------------------------------

    /** Everything kept about a person; a staff reader of a minor's needs the permission, and the read is audited. */
    public PersonData export(Person reader, String personId) throws Refused {
        Person person = person(personId);
        if (isMinor(person) && !reader.id().equals(personId)) {
            if (!mayReadMinor(reader)) {
                throw new Refused(Problem.PERMISSION_REQUIRED, "reading a minor's data takes the minors-data"
                        + " permission, which the security administrator gives");
            }
            minorsDataRead(reader, personId, 1);
        }
        Optional<Account> account = accounts.byPerson(personId);
        Set<StaffPermission> held = EnumSet.noneOf(StaffPermission.class);
        for (StaffPermission permission : StaffPermission.values()) {
            if (permissions.holds(personId, permission)) {
                held.add(permission);
            }
        }
        audit.record(reader, "data_exported", personId, null);
        return new PersonData(person, account.map(Account::loginName).orElse(null),
                account.map(Account::createdAt).orElse(null), account.map(Account::hasSecondFactor).orElse(false),
                realNames.find(personId).orElse(null), guardians.guardiansOf(personId),
                guardians.wardsOf(personId), held, requests.ofPerson(personId),
                attendance.of(personId, EXPORTED_LESSONS));
    }

    /** Corrects the name kept for a person (the person, a guardian or their school's administrator). */
    public Person correctName(Person by, String personId, String name) throws Refused {
        Person person = person(personId);
        Person corrected;
        try {
            corrected = new Person(person.id(), person.schoolId(), name, person.role());
        } catch (IllegalArgumentException e) {
            throw new Refused(Problem.INVALID, e.getMessage());
        }
        people.rename(personId, corrected.name());
        audit.record(by, "data_corrected", personId, "name");
        return corrected;
    }

    /** The person or a guardian asks for the person's data to be deleted; their school decides. */
    public DataRequest requestDeletion(Person by, String personId) throws Refused {
        person(personId);
        if (requests.ofPerson(personId).stream().anyMatch(r -> r.state() == DataRequest.State.PENDING)) {
            throw new Refused(Problem.CONFLICT, "a deletion request for this person is already waiting for a"
                    + " decision");
        }
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        DataRequest request = new DataRequest("d" + HexFormat.of().formatHex(id), personId, by.id(),
                clock.instant(), DataRequest.State.PENDING, null, null, null);
        requests.add(request);
        audit.record(by, "deletion_requested", personId, request.id());
        return request;
    }

    public List<DataRequest> requestsOf(String personId) {
        return requests.ofPerson(personId);
    }

    public List<DataRequest> pendingRequests() {
        return requests.pending();
    }

    public DataRequest request(String requestId) throws Refused {
        return requests.find(requestId).orElseThrow(() -> new Refused(Problem.NOT_FOUND,
                "no data request has the id " + requestId));
    }

    /**
     * Decides a pending request: carried out (the person's data is deleted and they are signed out everywhere) or
     * refused, which needs a reason the requester reads.
     */
    public DataRequest decide(Person by, String requestId, boolean carryOut, String reason) throws Refused {
        DataRequest request = request(requestId);
        if (request.state() != DataRequest.State.PENDING) {
            throw new Refused(Problem.CONFLICT, "this request was already decided (" + request.state().wireName()
                    + ")");
        }
        if (!carryOut && (reason == null || reason.isBlank())) {
            throw new Refused(Problem.INVALID, "a refusal needs its reason, in words the family understands");
        }
        if (carryOut) {
            if (request.personId().equals(by.id())) {
                throw new Refused(Problem.INVALID, "nobody decides on the deletion of their own data");
            }
            signOut.accept(request.personId());
            try {
                erasure.erase(request.personId());
            } catch (IllegalStateException e) {
                throw new Refused(Problem.CONFLICT, e.getMessage());
            }
        }
        DataRequest decided = request.decided(carryOut ? DataRequest.State.CARRIED_OUT : DataRequest.State.REFUSED,
                by.id(), clock.instant(), reason == null || reason.isBlank() ? null : reason.strip());
        requests.update(decided);
        audit.record(by, carryOut ? "deletion_carried_out" : "deletion_refused", request.personId(),
                request.id());
        return decided;
    }

    /** Links a guardian to a learner of the same school. */
    public void linkGuardian(Person by, Person guardian, String wardId) throws Refused {
        Person ward = person(wardId);
        if (!isMinor(ward)) {
            throw new Refused(Problem.INVALID, "a guardian speaks for a learner; " + wardId + " is a "
                    + ward.role().wireName());
        }
        if (guardian.role() != PersonRole.GUARDIAN || guardian.schoolId() == null
                || !guardian.schoolId().equals(ward.schoolId())) {
            throw new Refused(Problem.INVALID, "a guardian belongs to the learner's school");
        }
        guardians.link(guardian.id(), wardId);
        audit.record(by, "guardian_linked", wardId, guardian.id());
    }

    public AuditTrail audit() {
        return audit;
    }
}
