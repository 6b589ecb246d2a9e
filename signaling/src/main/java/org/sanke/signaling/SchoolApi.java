package org.sanke.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.sanke.classroom.Classroom;
import org.sanke.classroom.DeviceTokens;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.Names;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.School;
import org.sanke.classroom.ScheduledLesson;
import org.sanke.classroom.SchoolAttendance;
import org.sanke.classroom.Scheduling;
import org.sanke.classroom.TimetableEntry;
import org.sanke.classroom.SchoolEdits;
import org.sanke.classroom.access.AccessRules;
import org.sanke.classroom.access.Caller;
import org.sanke.classroom.access.Action;
import org.sanke.classroom.audit.AuditActor;
import org.sanke.classroom.audit.Outcome;
import org.sanke.classroom.access.Target;
import org.sanke.classroom.privacy.PersonRecords;
import org.sanke.signaling.RestSupport.Refusal;

/** REST for schools, classrooms, people and the timetable (docs/api.md). Runs on Vert.x event loops. */
final class SchoolApi {
    private static final int LISTED_OCCURRENCES = 20;

    private final Domain domain;
    private final RestSupport rest;

    SchoolApi(Domain domain, RestSupport rest) {
        this.domain = domain;
        this.rest = rest;
    }

    /** Every route reads or writes the store, so each runs on a Vert.x worker, never on an event loop. */
    void routes(Router router) {
        router.post("/api/schools").blockingHandler(ctx -> handle(ctx, audited("school_added", this::createSchool)), false);
        router.get("/api/schools").blockingHandler(ctx -> handle(ctx, this::listSchools), false);
        router.post("/api/classrooms").blockingHandler(ctx -> handle(ctx, audited("classroom_added", this::createClassroom)), false);
        router.get("/api/classrooms").blockingHandler(ctx -> handle(ctx, c -> list(domain.schools()
                .classrooms(AccessGate.listedSchool(c, Action.READ_CLASSROOMS, c.queryParams().get("schoolId")))
                .stream().map(this::classroomJson).toList())), false);
        router.post("/api/people").blockingHandler(ctx -> handle(ctx, audited("person_added", this::createPerson)), false);
        router.get("/api/people").blockingHandler(ctx -> handle(ctx, this::listPeople), false);
        router.post("/api/timetable").blockingHandler(ctx -> handle(ctx, audited("lesson_scheduled", this::schedule)), false);
        router.get("/api/classrooms/:id/upcoming").blockingHandler(ctx -> handle(ctx, this::upcoming), false);
        router.post("/api/classrooms/:id/device-token").blockingHandler(ctx -> handle(ctx, audited("device_token_issued", this::rotateToken)), false);
        router.get("/api/schools/:id/attendance").blockingHandler(this::schoolAttendance, false);
        router.get("/api/timetable").blockingHandler(ctx -> handle(ctx, this::timetable), false);
        router.delete("/api/timetable/:id").blockingHandler(ctx -> rest.handle(ctx, 200, audited("timetable_withdrawn", this::withdraw)), false);
        router.put("/api/timetable/:id").blockingHandler(ctx -> rest.handle(ctx, 200, audited("timetable_revised", this::revise)), false);
        router.put("/api/schools/:id").blockingHandler(ctx -> rest.handle(ctx, 200, audited("school_renamed", this::renameSchool)), false);
        router.delete("/api/schools/:id").blockingHandler(ctx -> rest.handle(ctx, 200, audited("school_archived", this::archiveSchool)), false);
        router.put("/api/classrooms/:id").blockingHandler(ctx -> rest.handle(ctx, 200, audited("classroom_renamed",
                this::renameClassroom)),
                false);
        router.delete("/api/classrooms/:id").blockingHandler(ctx -> rest.handle(ctx, 200, audited("classroom_archived",
                this::archiveClassroom)),
                false);
        router.put("/api/people/:id").blockingHandler(ctx -> rest.handle(ctx, 200, audited("person_changed", this::changePerson)), false);
        router.delete("/api/people/:id").blockingHandler(ctx -> rest.handle(ctx, 200, audited("person_archived", this::archivePerson)), false);
    }

    /**
     * A change to the platform's set-up, recorded in the audit trail once it succeeded (S22: configuration changes):
     * who, from where, and the id changed. Names stay out of the trail (S36).
     */
    private RestSupport.Work audited(String action, RestSupport.Work change) {
        return ctx -> {
            JsonNode result = change.run(ctx);
            String id = ctx.pathParam("id") != null ? ctx.pathParam("id") : result.path("id").asText(null);
            domain.access().records().audit().record(AuditActor.of(AccessGate.caller(ctx).person(),
                    AccessGate.clientAddress(ctx)), action, Outcome.SUCCESS, null, id);
            return result;
        };
    }

    private SchoolEdits edits() {
        return new SchoolEdits(domain.schools(), domain.scheduling());
    }

    private static Refusal refusal(SchoolEdits.Refused refused) {
        int status = refused.code.endsWith("_not_found") ? 404 : refused.code.equals("invalid_field") ? 400 : 409;
        return new Refusal(status, refused.code, refused.field, refused.getMessage());
    }

    private JsonNode renameSchool(RoutingContext ctx) throws Refusal {
        AccessGate.require(ctx, Action.ADD_SCHOOL, Target.platform());
        String name = RestSupport.text(rest.body(ctx, Set.of("name")), "name", 100, true);
        try {
            return schoolJson(edits().renameSchool(ctx.pathParam("id"), name));
        } catch (SchoolEdits.Refused refused) {
            throw refusal(refused);
        }
    }

    /** A school leaves the lists once it has no classrooms or people; its records stay. */
    private JsonNode archiveSchool(RoutingContext ctx) throws Refusal {
        AccessGate.require(ctx, Action.ADD_SCHOOL, Target.platform());
        try {
            edits().archiveSchool(ctx.pathParam("id"));
        } catch (SchoolEdits.Refused refused) {
            throw refusal(refused);
        }
        return rest.object().put("id", ctx.pathParam("id")).put("result", "archived");
    }

    private Classroom existingClassroom(String id) throws Refusal {
        return domain.schools().classroom(id).orElseThrow(() -> new Refusal(404, "classroom_not_found", "id",
                "no classroom has the id " + id));
    }

    private JsonNode renameClassroom(RoutingContext ctx) throws Refusal {
        Classroom room = existingClassroom(ctx.pathParam("id"));
        AccessGate.require(ctx, Action.ADD_CLASSROOM, Target.school(room.schoolId()));
        String name = RestSupport.text(rest.body(ctx, Set.of("name")), "name", 100, true);
        try {
            return classroomJson(edits().renameClassroom(room.id(), name));
        } catch (SchoolEdits.Refused refused) {
            throw refusal(refused);
        }
    }

    /** A classroom without lessons to come leaves the lists; its terminal stops working, its lessons given stay. */
    private JsonNode archiveClassroom(RoutingContext ctx) throws Refusal {
        Classroom room = existingClassroom(ctx.pathParam("id"));
        AccessGate.require(ctx, Action.ADD_CLASSROOM, Target.school(room.schoolId()));
        try {
            edits().archiveClassroom(room.id());
        } catch (SchoolEdits.Refused refused) {
            throw refusal(refused);
        }
        return rest.object().put("id", room.id()).put("result", "archived");
    }

    private Person existingPerson(String id) throws Refusal {
        return domain.schools().person(id).orElseThrow(() -> new Refusal(404, "person_not_found", "id",
                "no person has the id " + id));
    }

    /**
     * A person's name, school and role, all three given. The caller must be able to appoint the person both as they
     * were and as they will be; the person's sessions end, so that their next login carries the new role.
     */
    private JsonNode changePerson(RoutingContext ctx) throws Refusal {
        Person before = existingPerson(ctx.pathParam("id"));
        ObjectNode body = rest.body(ctx, Set.of("schoolId", "name", "role"));
        String schoolId = RestSupport.text(body, "schoolId", 64, false);
        Person after = new Person(before.id(), schoolId, RestSupport.text(body, "name", 64, true),
                role(RestSupport.text(body, "role", 32, true)));
        Caller caller = AccessGate.caller(ctx);
        AccessGate.refuseUnless(AccessRules.mayAppoint(caller, before.role(), before.schoolId()));
        AccessGate.refuseUnless(AccessRules.mayAppoint(caller, after.role(), after.schoolId()));
        placeable(after.role(), schoolId);
        try {
            domain.minors().checkRole(before, after.role());
        } catch (org.sanke.classroom.privacy.Minors.Refused refused) {
            throw new Refusal(409, refused.code(), "role", refused.getMessage());
        }
        try {
            edits().changePerson(before, after);
        } catch (SchoolEdits.Refused refused) {
            throw refusal(refused);
        }
        if (after.role() != before.role() || !java.util.Objects.equals(after.schoolId(), before.schoolId())) {
            domain.access().sessions().endAllOf(after.id());
        }
        return personJson(after);
    }

    /** A person without lessons to come leaves the lists: logged out everywhere, no longer able to log in. */
    private JsonNode archivePerson(RoutingContext ctx) throws Refusal {
        Person person = existingPerson(ctx.pathParam("id"));
        AccessGate.refuseUnless(AccessRules.mayAppoint(AccessGate.caller(ctx), person.role(), person.schoolId()));
        if (person.id().equals(AccessGate.caller(ctx).person().id())) {
            throw new Refusal(409, "cannot_archive_self", "id", "nobody takes themselves off the lists");
        }
        try {
            edits().archivePerson(person.id());
        } catch (SchoolEdits.Refused refused) {
            throw refusal(refused);
        }
        domain.access().sessions().endAllOf(person.id());
        return rest.object().put("id", person.id()).put("result", "archived");
    }

    private static PersonRole role(String name) throws Refusal {
        return PersonRole.fromWireName(name).orElseThrow(() -> Refusal.invalid("role",
                "must be one of lead_teacher, assistant_teacher, observer_teacher, learner, guardian, inspector,"
                        + " reviewer, school_admin, platform_admin, security_admin, auditor"));
    }

    /** Whether a person of this role can belong to this school (or, with null, to the platform). */
    private void placeable(PersonRole role, String schoolId) throws Refusal {
        if (schoolId != null && domain.schools().school(schoolId).isEmpty()) {
            throw Refusal.invalid("schoolId", "no school has the id " + schoolId);
        }
        if (schoolId != null && AccessRules.PLATFORM_ONLY.contains(role)) {
            throw Refusal.invalid("schoolId", "a " + role.wireName() + " works for the whole platform: leave"
                    + " schoolId out");
        }
    }

    /** A POST answers 201 (it made something), a GET 200. */
    private void handle(RoutingContext ctx, RestSupport.Work work) {
        rest.handle(ctx, ctx.request().method().name().equals("POST") ? 201 : 200, work);
    }

    private JsonNode listSchools(RoutingContext ctx) throws Refusal {
        AccessGate.require(ctx, Action.READ_SCHOOLS, Target.platform());
        return list(domain.schools().schools().stream().map(this::schoolJson).toList());
    }

    /** The timetable entries that involve the listed school: it sends, or one of its classrooms receives. */
    private JsonNode timetable(RoutingContext ctx) throws Refusal {
        String school = AccessGate.listedSchool(ctx, Action.READ_TIMETABLE, ctx.queryParams().get("schoolId"));
        Set<String> rooms = school == null ? null : domain.schools().classrooms(school).stream().map(Classroom::id)
                .collect(java.util.stream.Collectors.toSet());
        return list(domain.scheduling().entries().stream()
                .filter(e -> rooms == null || e.classrooms().stream().anyMatch(rooms::contains))
                .map(this::entryJson).toList());
    }

    private JsonNode createSchool(RoutingContext ctx) throws Refusal {
        AccessGate.require(ctx, Action.ADD_SCHOOL, Target.platform());
        ObjectNode body = rest.body(ctx, Set.of("name"));
        School school = new School(RestSupport.newId("s"), RestSupport.text(body, "name", 100, true));
        if (domain.schools().schools().stream().anyMatch(s -> Names.same(s.name(), school.name()))) {
            throw new Refusal(409, "duplicate_name", "name", "a school is already called " + school.name());
        }
        domain.schools().add(school);
        return schoolJson(school);
    }

    private JsonNode createClassroom(RoutingContext ctx) throws Refusal {
        ObjectNode body = rest.body(ctx, Set.of("schoolId", "name"));
        String schoolId = RestSupport.text(body, "schoolId", 64, true);
        String name = RestSupport.text(body, "name", 100, true);
        AccessGate.require(ctx, Action.ADD_CLASSROOM, Target.school(schoolId));
        if (domain.schools().school(schoolId).isEmpty()) {
            throw Refusal.invalid("schoolId", "no school has the id " + schoolId);
        }
        if (domain.schools().classrooms(schoolId).stream().anyMatch(c -> Names.same(c.name(), name))) {
            throw new Refusal(409, "duplicate_name", "name", "this school already has a classroom called " + name);
        }
        Classroom classroom = new Classroom(RestSupport.newId("c"), schoolId, name);
        domain.schools().add(classroom);
        return classroomJson(classroom).put("deviceToken", issueToken(classroom.id()));
    }

    /** A new device token for a classroom's terminal; the previous one stops working. Shown once. */
    private JsonNode rotateToken(RoutingContext ctx) throws Refusal {
        String id = ctx.pathParam("id");
        Classroom classroom = domain.schools().classroom(id).orElseThrow(() -> new Refusal(404,
                "classroom_not_found", "id", "no classroom has the id " + id));
        AccessGate.require(ctx, Action.ISSUE_DEVICE_TOKEN, Target.school(classroom.schoolId()));
        return rest.object().put("classroomId", id).put("deviceToken", issueToken(id));
    }

    private String issueToken(String classroomId) {
        String token = DeviceTokens.newToken();
        domain.schools().setDeviceTokenHash(classroomId, DeviceTokens.hash(token));
        return token;
    }

    /**
     * The people of the listed school. Learners are minors: staff see their names only with the minors-data
     * permission, and every staff read that shows some is audited (S34); without it a learner is listed with its
     * name hidden.
     */
    private JsonNode listPeople(RoutingContext ctx) throws Refusal {
        String school = AccessGate.listedSchool(ctx, Action.READ_PEOPLE, ctx.queryParams().get("schoolId"));
        Person reader = AccessGate.caller(ctx).person();
        PersonRecords records = domain.access().records();
        boolean staff = AccessRules.STAFF.contains(reader.role());
        boolean mayReadMinors = records.mayReadMinor(reader);
        int minorsShown = 0;
        ArrayNode list = rest.object().arrayNode();
        java.util.List<Person> people = domain.schools().people(school);
        Set<String> verified = records.realNamesVerified(people.stream().map(Person::id).toList());
        for (Person p : people) {
            ObjectNode node = personJson(p).put("realNameVerified", verified.contains(p.id()));
            if (PersonRecords.isMinor(p)) {
                var minor = domain.minors().of(p);
                node.put("ageBand", minor.band().wireName()).put("guardianConsent", minor.consented());
                if (mayReadMinors) {
                    minorsShown++;
                } else {
                    node.putNull("name").put("nameHidden", "minors_data_permission_required");
                }
            }
            list.add(node);
        }
        if (staff && minorsShown > 0) {
            records.minorsDataRead(reader, school == null ? "all schools" : school, minorsShown);
        }
        return list;
    }

    private JsonNode createPerson(RoutingContext ctx) throws Refusal {
        ObjectNode body = rest.body(ctx, Set.of("schoolId", "name", "role", "wardId"));
        String schoolId = RestSupport.text(body, "schoolId", 64, false);
        String name = RestSupport.text(body, "name", 64, true);
        PersonRole role = role(RestSupport.text(body, "role", 32, true));
        String wardId = RestSupport.text(body, "wardId", 64, role == PersonRole.GUARDIAN);
        AccessGate.refuseUnless(AccessRules.mayAppoint(AccessGate.caller(ctx), role, schoolId));
        placeable(role, schoolId);
        if (wardId != null && role != PersonRole.GUARDIAN) {
            throw Refusal.invalid("wardId", "only a guardian has a ward");
        }
        Person ward = wardId == null ? null : domain.schools().person(wardId)
                .filter(p -> PersonRecords.isMinor(p) && p.schoolId() != null && p.schoolId().equals(schoolId))
                .orElseThrow(() -> Refusal.invalid("wardId", "must be a learner of school " + schoolId));
        Person person = new Person(RestSupport.newId("u"), schoolId, name, role);
        domain.schools().add(person);
        if (ward != null) {
            try {
                domain.access().records().linkGuardian(AccessGate.caller(ctx).person(), person, ward.id());
            } catch (PersonRecords.Refused refused) {
                throw Refusal.invalid("wardId", refused.getMessage());
            }
        }
        return personJson(person);
    }

    /**
     * Takes an entry off the timetable, from now on: an entry none of whose lessons has begun is removed; a weekly one
     * ends with its last lesson begun, which stays in the records with its attendance; a single lesson given stays.
     * The sending classroom's school decides.
     */
    private JsonNode withdraw(RoutingContext ctx) throws Refusal {
        String id = ctx.pathParam("id");
        TimetableEntry entry = domain.scheduling().entries().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new Refusal(404, "entry_not_found", "id", "no timetable entry has the id " + id));
        String school = domain.schools().classroom(entry.sendingClassroomId()).map(Classroom::schoolId).orElse(null);
        AccessGate.require(ctx, Action.SCHEDULE, school == null ? Target.platform() : Target.school(school));
        Scheduling.Withdrawal done = domain.scheduling().withdraw(id);
        return switch (done) {
            case REMOVED -> rest.object().put("id", id).put("result", "removed");
            case SERIES_ENDED -> rest.object().put("id", id).put("result", "series_ended")
                    .put("weeklyUntil", domain.scheduling().entries().stream().filter(e -> e.id().equals(id))
                            .findFirst().map(e -> e.until().toString()).orElse(null));
            case ALREADY_GIVEN -> throw new Refusal(409, "already_given", "id", "this lesson has been given; it"
                    + " stays in the records");
            case NOT_FOUND -> throw new Refusal(404, "entry_not_found", "id", "no timetable entry has the id " + id);
        };
    }

    private JsonNode schedule(RoutingContext ctx) throws Refusal {
        ObjectNode body = rest.body(ctx, ENTRY_FIELDS);
        String modeName = RestSupport.text(body, "mode", 32, false);
        LessonMode mode = modeName == null ? LessonMode.DEDICATED : LessonMode.fromWireName(modeName)
                .orElseThrow(() -> Refusal.invalid("mode", "must be dedicated, master_teacher or famous_school"));
        TimetableEntry entry = entry(ctx, body, RestSupport.newId("t"));
        return answer(domain.scheduling().schedule(entry, mode));
    }

    /**
     * Changes an entry from now on (the same fields as a new one; its mode stays): lessons given stay as they were,
     * a weekly series that has begun goes on as a new entry from its next lesson.
     */
    private JsonNode revise(RoutingContext ctx) throws Refusal {
        String id = ctx.pathParam("id");
        TimetableEntry entry = domain.scheduling().entries().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new Refusal(404, "entry_not_found", "id", "no timetable entry has the id " + id));
        AccessGate.require(ctx, Action.SCHEDULE, sendingSchool(entry.sendingClassroomId()));
        ObjectNode body = rest.body(ctx, ENTRY_FIELDS);
        if (body.hasNonNull("mode")) {
            throw Refusal.invalid("mode", "a lesson's mode stays as it was scheduled");
        }
        return answer(domain.scheduling().revise(id, entry(ctx, body, id)));
    }

    /** A clash, with the names of who would be in two lessons, the other lesson's subject and when. */
    private Refusal clash(org.sanke.classroom.Timetable.Conflict conflict) {
        String id = conflict.who().substring(conflict.who().indexOf(' ') + 1);
        String who = domain.schools().names(Set.of(id)).getOrDefault(id, "");
        String lesson = domain.scheduling().entries().stream().filter(e -> e.id().equals(conflict.with()))
                .findFirst().map(TimetableEntry::subject).orElse("");
        return new Refusal(409, "timetable_conflict", null, conflict.message(), java.util.Map.of("who", who,
                "lesson", lesson, "at", conflict.at().toString()));
    }

    private static final Set<String> ENTRY_FIELDS = Set.of("subject", "mode", "teacherId", "sendingClassroomId",
            "receivingClassroomIds", "start", "durationMinutes", "weeklyUntil");

    private Target sendingSchool(String sendingClassroomId) {
        return domain.schools().classroom(sendingClassroomId).map(room -> Target.school(room.schoolId()))
                .orElse(Target.platform());
    }

    /** A timetable entry from a request's fields, once the caller may schedule from its sending classroom. */
    private TimetableEntry entry(RoutingContext ctx, ObjectNode body, String id) throws Refusal {
        String subject = RestSupport.text(body, "subject", 100, true);
        String teacherId = RestSupport.text(body, "teacherId", 64, true);
        String sending = RestSupport.text(body, "sendingClassroomId", 64, true);
        AccessGate.require(ctx, Action.SCHEDULE, sendingSchool(sending));
        Set<String> receiving = receivers(body);
        LocalDateTime start = parse("start", RestSupport.text(body, "start", 32, true), LocalDateTime::parse);
        JsonNode minutes = body.get("durationMinutes");
        if (minutes == null || !minutes.isIntegralNumber() || minutes.asInt() < 5 || minutes.asInt() > 600) {
            throw Refusal.invalid("durationMinutes", "must be an integer from 5 to 600");
        }
        String untilText = RestSupport.text(body, "weeklyUntil", 10, false);
        LocalDate until = untilText == null ? null : parse("weeklyUntil", untilText, LocalDate::parse);
        try {
            return new TimetableEntry(id, subject, teacherId, sending, receiving, start,
                    Duration.ofMinutes(minutes.asInt()), until);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(e.getMessage().startsWith("until") ? "weeklyUntil" : "receivingClassroomIds",
                    e.getMessage());
        }
    }

    private JsonNode answer(Scheduling.Result result) throws Refusal {
        return switch (result) {
            case Scheduling.Result.Scheduled scheduled -> entryJson(scheduled.entry());
            case Scheduling.Result.Invalid invalid -> throw Refusal.invalid(invalid.field(), invalid.message());
            case Scheduling.Result.Clash clash -> throw clash(clash.conflict());
            case Scheduling.Result.AlreadyGiven given -> throw new Refusal(409, "already_given", "id", "this lesson"
                    + " has been given; it stays in the records");
            case Scheduling.Result.NotFound missing -> throw new Refusal(404, "entry_not_found", "id",
                    "no timetable entry has this id");
        };
    }

    /** What a classroom terminal follows: its next lessons, with the id to join and whether it is open yet. */
    private JsonNode upcoming(RoutingContext ctx) throws Refusal {
        String id = ctx.pathParam("id");
        Classroom classroom = domain.schools().classroom(id).orElseThrow(() -> new Refusal(404,
                "classroom_not_found", "id", "no classroom has the id " + id));
        String header = ctx.request().getHeader("Authorization");
        String token = header != null && header.startsWith("Device ") ? header.substring(7)
                : ctx.queryParams().get("token");
        if (token == null && AccessGate.caller(ctx).signedIn()) {
            AccessGate.require(ctx, Action.READ_TIMETABLE, Target.school(classroom.schoolId())); // staff, not a terminal
        } else if (!domain.schools().checkDeviceToken(id, token)) {
            throw new Refusal(401, "device_not_authorized", "token", token == null
                    ? "the terminal must present its device token" : "the device token is not this classroom's");
        }
        ArrayNode lessons = rest.object().arrayNode();
        for (ScheduledLesson lesson : domain.scheduling().upcoming(id, 10)) {
            Classroom sendingRoom = domain.schools().classroom(lesson.entry().sendingClassroomId()).orElse(null);
            String sendingName = sendingRoom == null ? "" : sendingRoom.name();
            java.util.Map<String, String> names = domain.schools().names(sendingRoom == null
                    ? Set.of(lesson.entry().teacherId())
                    : Set.of(lesson.entry().teacherId(), sendingRoom.schoolId()));
            lessons.addObject().put("lessonId", lesson.lesson().id()).put("subject", lesson.lesson().title())
                    .put("mode", lesson.lesson().mode().wireName()).put("start", lesson.start().toString())
                    .put("durationMinutes", lesson.entry().duration().toMinutes())
                    .put("from", sendingName)
                    .put("school", sendingRoom == null ? null : names.get(sendingRoom.schoolId()))
                    .put("teacher", names.get(lesson.entry().teacherId()))
                    .put("sending", lesson.entry().sendingClassroomId().equals(id))
                    .put("state", domain.scheduling().state(lesson).name().toLowerCase(java.util.Locale.ROOT));
        }
        return lessons;
    }

    /** A school's attendance over [from, to): per classroom, lessons expected, attended, late and missed. */
    private void schoolAttendance(RoutingContext ctx) {
        try {
            String id = ctx.pathParam("id");
            AccessGate.require(ctx, Action.READ_SCHOOL_ATTENDANCE, Target.school(id));
            if (domain.schools().school(id).isEmpty()) {
                throw new Refusal(404, "school_not_found", "id", "no school has the id " + id);
            }
            LocalDate from = parse("from", required(ctx, "from"), LocalDate::parse);
            LocalDate to = parse("to", required(ctx, "to"), LocalDate::parse);
            if (!to.isAfter(from) || to.isAfter(from.plusYears(1))) {
                throw Refusal.invalid("to", "must be after from, and at most a year later");
            }
            String format = ctx.queryParams().get("format");
            if (format != null && !format.equals("json") && !format.equals("csv")) {
                throw Refusal.invalid("format", "must be json or csv");
            }
            var rows = new SchoolAttendance(domain.schools(), domain.scheduling(), domain.attendance())
                    .summary(id, from, to);
            if ("csv".equals(format)) {
                StringBuilder csv = new StringBuilder("classroom_id,classroom,expected,attended,late,absent\r\n");
                for (var row : rows) {
                    csv.append(row.classroom().id()).append(',').append(AttendanceCsv.quote(row.classroom().name()))
                            .append(',').append(row.expected()).append(',').append(row.attended()).append(',')
                            .append(row.late()).append(',').append(row.absent()).append("\r\n");
                }
                ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8").end(csv.toString());
                return;
            }
            ObjectNode report = rest.object().put("schoolId", id).put("from", from.toString()).put("to", to.toString());
            ArrayNode classrooms = report.putArray("classrooms");
            for (var row : rows) {
                classrooms.addObject().put("classroomId", row.classroom().id()).put("name", row.classroom().name())
                        .put("expected", row.expected()).put("attended", row.attended()).put("late", row.late())
                        .put("absent", row.absent());
            }
            RestSupport.reply(ctx, 200, report);
        } catch (Refusal refusal) {
            rest.refuse(ctx, refusal);
        }
    }

    private static String required(RoutingContext ctx, String name) throws Refusal {
        String value = ctx.queryParams().get(name);
        if (value == null || value.isBlank()) {
            throw new Refusal(400, "missing_field", name, name + " is required, as a date like 2027-03-01");
        }
        return value;
    }

    private static Set<String> receivers(ObjectNode body) throws Refusal {
        JsonNode list = body.get("receivingClassroomIds");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > 1000) {
            throw Refusal.invalid("receivingClassroomIds", "must be a list of 1 to 1000 classroom ids");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode id : list) {
            if (!id.isTextual() || !ids.add(id.asText())) {
                throw Refusal.invalid("receivingClassroomIds", "must hold distinct classroom ids");
            }
        }
        return ids;
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(String field, String text, Parser<T> parser) throws Refusal {
        try {
            return parser.parse(text);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(field, "must be an ISO date" + (field.equals("start") ? "-time like 2026-11-30T10:00"
                    : " like 2027-01-15") + " (local time, " + Domain.DEFAULT_ZONE + " by default)");
        }
    }


    private ArrayNode list(java.util.List<ObjectNode> items) {
        ArrayNode array = rest.object().arrayNode();
        items.forEach(array::add);
        return array;
    }

    private ObjectNode schoolJson(School s) {
        return rest.object().put("id", s.id()).put("name", s.name());
    }

    private ObjectNode classroomJson(Classroom c) {
        return rest.object().put("id", c.id()).put("schoolId", c.schoolId()).put("name", c.name());
    }

    private ObjectNode personJson(Person p) {
        return rest.object().put("id", p.id()).put("schoolId", p.schoolId()).put("name", p.name())
                .put("role", p.role().wireName());
    }

    /** An entry, with the names of its teacher and classrooms (also of archived ones) for pages to show. */
    private ObjectNode entryJson(TimetableEntry e) {
        Set<String> named = new java.util.HashSet<>(e.classrooms());
        named.add(e.teacherId());
        java.util.Map<String, String> names = domain.schools().names(named);
        ObjectNode node = rest.object().put("id", e.id()).put("subject", e.subject()).put("teacherId", e.teacherId())
                .put("teacherName", names.get(e.teacherId()))
                .put("sendingClassroomId", e.sendingClassroomId())
                .put("sendingClassroomName", names.get(e.sendingClassroomId()))
                .put("start", e.firstStart().toString())
                .put("durationMinutes", e.duration().toMinutes())
                .put("weeklyUntil", e.until() == null ? null : e.until().toString());
        ArrayNode receivers = node.putArray("receivingClassroomIds");
        ArrayNode receiverNames = node.putArray("receivingClassroomNames");
        e.receivingClassroomIds().stream().sorted().forEach(id -> {
            receivers.add(id);
            receiverNames.add(names.get(id));
        });
        ArrayNode occurrences = node.putArray("occurrences");
        e.starts().stream().limit(LISTED_OCCURRENCES).forEach(start -> occurrences.add(start.toString()));
        return node;
    }
}
