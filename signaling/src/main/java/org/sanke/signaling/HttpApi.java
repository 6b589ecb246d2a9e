package org.sanke.signaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Iterator;
import java.util.Set;
import java.time.Instant;
import java.util.List;
import org.sanke.classroom.AttendanceRecord;
import org.sanke.classroom.AttendanceStore;
import org.sanke.classroom.Lesson;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.Participant;
import org.sanke.classroom.Person;
import org.sanke.classroom.Role;
import org.sanke.classroom.access.AccessRules;
import org.sanke.classroom.privacy.PersonRecords;
import org.sanke.classroom.access.Action;
import org.sanke.classroom.access.Caller;
import org.sanke.classroom.access.JoinGrants;
import org.sanke.classroom.access.LessonScopes;
import org.sanke.classroom.access.Target;
import org.sanke.signaling.oidc.OidcSettings;
import org.sanke.signaling.session.LessonRooms;

/** The HTTP routes: health, metrics, the lessons REST API (docs/api.md) and the web client's files. */
final class HttpApi {
    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Set<String> LESSON_FIELDS = Set.of("title", "mode", "maxClassrooms");
    /** How long the invitation links of a new lesson last. */
    private static final java.time.Duration INVITATION = java.time.Duration.ofHours(12);

    private final ObjectMapper json;
    private final LessonDirectory lessons;
    private final LessonRooms rooms;
    private final AttendanceStore attendance;
    private final PrometheusMeterRegistry registry;

    private final SchoolApi schools;
    private final AccessApi accessApi;
    private final PairingApi pairingApi;
    private final PersonRecordsApi personRecords;
    private final TeacherLessonsApi teacherLessons;
    private final PersonRecords records;
    private final org.sanke.classroom.Scheduling scheduling;
    private final AccessGate gate;
    private final LessonScopes scopes;
    private final OriginPolicy origins;
    private final RestSupport rest;
    private final SanctionsApi sanctions;
    private final ReportsApi reports;
    private final PatrolApi patrol;
    private final MinorsApi minors;
    private final ReplaysApi replays;
    private final JoinGrants grants;
    private final SingleSignOn singleSignOn;

    HttpApi(ObjectMapper json, Domain domain, LessonRooms rooms, PrometheusMeterRegistry registry,
            OriginPolicy origins, OidcSettings singleSignOnSettings, java.nio.file.Path replaysRoot) {
        this.origins = origins;
        this.json = json;
        this.lessons = domain.lessons();
        this.rooms = rooms;
        this.attendance = domain.attendance();
        this.records = domain.access().records();
        this.scheduling = domain.scheduling();
        this.registry = registry;
        this.rest = new RestSupport(json);
        this.grants = domain.access().grants();
        this.singleSignOn = singleSignOnSettings == null ? null : new SingleSignOn(singleSignOnSettings, domain);
        this.schools = new SchoolApi(domain, rest);
        this.accessApi = new AccessApi(domain, rooms, rest, singleSignOnSettings != null);
        this.pairingApi = new PairingApi(domain, rest);
        this.personRecords = new PersonRecordsApi(domain, rest);
        this.sanctions = new SanctionsApi(domain, rest);
        this.reports = new ReportsApi(domain, rest);
        this.patrol = new PatrolApi(domain, rooms, rest);
        this.minors = new MinorsApi(domain, rest);
        this.replays = new ReplaysApi(domain, rest, replaysRoot);
        this.teacherLessons = new TeacherLessonsApi(domain, rest);
        this.gate = new AccessGate(domain.access().sessions(), rest);
        this.scopes = new LessonScopes(domain.lessons(), domain.scheduling(), domain.schools());
    }

    Router router(Vertx vertx, String webRoot) {
        Router router = Router.router(vertx);
        router.route().handler(new SecurityHeaders());
        router.get("/health").handler(ctx -> reply(ctx, 200, json.createObjectNode().put("status", "UP")));
        // The kernel's socket statistics are read from /proc: a worker's job.
        router.get("/metrics").blockingHandler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape()), false);
        router.get("/api/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml; charset=utf-8").sendFile("openapi/sanke.yaml"));
        // A form or script of another site must not change data with this browser's standing.
        router.route("/api/*").handler(ctx -> {
            if (origins.refusesChange(ctx.request())) {
                error(ctx, 403, "cross_origin", null, "changes are accepted only from this server's own pages or"
                        + " an allowed origin");
            } else {
                ctx.next();
            }
        });
        // No route takes files: nothing is ever written to disk from a request body.
        router.route("/api/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES)
                .setHandleFileUploads(false).setDeleteUploadedFilesOnEnd(true));
        // Who is calling (a session not in memory is read from the store, hence a worker); everything past here
        // but logging in and the first run's setup needs a session.
        router.route("/api/*").blockingHandler(gate, false);
        accessApi.routes(router);
        pairingApi.routes(router);
        personRecords.routes(router);
        sanctions.routes(router);
        reports.routes(router);
        patrol.routes(router);
        minors.routes(router);
        replays.routes(router);
        teacherLessons.routes(router);
        if (singleSignOn != null) {
            singleSignOn.routes(router);
        }
        // These read or write the store: on Vert.x workers, never on an event loop.
        router.post("/api/lessons").blockingHandler(this::createLesson, false);
        router.get("/api/lessons").blockingHandler(ctx -> rest.handle(ctx, 200, this::listLessons), false);
        router.get("/api/lessons/:id").blockingHandler(ctx -> rest.handle(ctx, 200, this::getLesson), false);
        router.get("/api/lessons/:id/attendance").blockingHandler(ctx -> {
            try {
                attendance(ctx);
            } catch (RestSupport.Refusal refusal) {
                rest.refuse(ctx, refusal);
            }
        }, false);
        schools.routes(router);
        router.route("/api/*").handler(ctx -> error(ctx, 404, "not_found", null, "no such API route"));
        router.route("/*").handler(StaticHandler.create(webRoot).setIndexPage("index.html"));
        return router;
    }

    private void createLesson(RoutingContext ctx) {
        Person maker = AccessGate.caller(ctx).person();
        try {
            AccessGate.require(ctx, Action.CREATE_LESSON, maker.schoolId() == null ? Target.platform()
                    : Target.school(maker.schoolId()));
        } catch (RestSupport.Refusal refusal) {
            rest.refuse(ctx, refusal);
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(ctx.body().asString());
        } catch (JsonProcessingException | RuntimeException e) {
            error(ctx, 400, "bad_json", null, "the body must be a JSON object");
            return;
        }
        if (body == null || !body.isObject()) {
            error(ctx, 400, "bad_json", null, "the body must be a JSON object");
            return;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!LESSON_FIELDS.contains(name)) {
                error(ctx, 400, "invalid_field", name, "unknown field");
                return;
            }
        }
        JsonNode title = body.get("title");
        if (title == null || title.isNull()) {
            error(ctx, 400, "missing_field", "title", "title is required");
            return;
        }
        if (!title.isTextual() || title.asText().isBlank() || title.asText().length() > Lesson.MAX_TITLE_LENGTH) {
            error(ctx, 400, "invalid_field", "title", "must be a string of 1 to " + Lesson.MAX_TITLE_LENGTH
                    + " characters");
            return;
        }
        JsonNode modeField = body.get("mode");
        LessonMode mode = LessonMode.DEDICATED;
        if (modeField != null && !modeField.isNull()) {
            mode = modeField.isTextual() ? LessonMode.fromWireName(modeField.asText()).orElse(null) : null;
            if (mode == null) {
                error(ctx, 400, "invalid_field", "mode", "must be dedicated, master_teacher or famous_school");
                return;
            }
        }
        int modeCap = lessons.policies().of(mode).maxClassrooms();
        JsonNode max = body.get("maxClassrooms");
        int maxClassrooms = modeCap;
        if (max != null && !max.isNull()) {
            if (!max.isIntegralNumber() || max.asLong() < 0 || max.asLong() > modeCap) {
                error(ctx, 400, "invalid_field", "maxClassrooms", "a " + mode.wireName() + " lesson allows 0 to "
                        + modeCap + " classrooms on this platform");
                return;
            }
            maxClassrooms = max.asInt();
        }
        Lesson lesson = lessons.create(title.asText().strip(), mode, maxClassrooms, maker.id());
        ObjectNode created = lessonJson(lesson);
        // The links the maker shares carry invitations (the teacher's own page asks for her grant when opened).
        ObjectNode links = (ObjectNode) created.get("links");
        links.put("classroom", links.get("classroom").asText() + "&grant=" + grants.invitation(lesson.id(),
                Role.CLASSROOM, INVITATION).token());
        if (links.has("observer")) {
            Role audience = mode == LessonMode.MASTER_TEACHER ? Role.OBSERVER : Role.LEARNER;
            links.put("observer", links.get("observer").asText() + "&grant=" + grants.invitation(lesson.id(),
                    audience, INVITATION).token());
        }
        reply(ctx, 201, created);
    }

    /** The lessons made through the API that the caller may see. */
    private JsonNode listLessons(RoutingContext ctx) {
        ArrayNode list = json.createArrayNode();
        Caller caller = AccessGate.caller(ctx);
        for (Lesson lesson : lessons.all()) {
            if (AccessRules.decide(caller, Action.READ_LESSONS, scopes.of(lesson)).allowed()) {
                list.add(lessonJson(lesson));
            }
        }
        return list;
    }

    private JsonNode getLesson(RoutingContext ctx) throws RestSupport.Refusal {
        String id = ctx.pathParam("id");
        Lesson lesson = lessons.find(id).orElseThrow(() -> new RestSupport.Refusal(404, "lesson_not_found", "id",
                "no lesson has this id"));
        AccessGate.require(ctx, Action.READ_LESSONS, scopes.of(lesson));
        return lessonJson(lesson);
    }

    /** Who was in the lesson, when, for how long, and the quality they reported; JSON, or CSV with ?format=csv. */
    private void attendance(RoutingContext ctx) throws RestSupport.Refusal {
        String id = ctx.pathParam("id");
        Target.Lesson target = scopes.of(id).orElseThrow(() -> new RestSupport.Refusal(404, "lesson_not_found",
                "id", "no lesson has this id"));
        AccessGate.require(ctx, Action.READ_LESSON_ATTENDANCE, target);
        String format = ctx.queryParams().get("format");
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            error(ctx, 400, "invalid_field", "format", "must be json or csv");
            return;
        }
        Instant now = Instant.now();
        List<AttendanceRecord> records = attendance.lesson(id);
        // Learners are minors: staff see their names only with the minors-data permission, and such reads are
        // audited (S34).
        org.sanke.classroom.Person reader = AccessGate.caller(ctx).person();
        PersonRecords people = this.records;
        boolean mayReadMinors = people.mayReadMinor(reader);
        long minors = records.stream().filter(r -> r.role() == Role.LEARNER).count();
        if (mayReadMinors && minors > 0 && AccessRules.STAFF.contains(reader.role())) {
            people.minorsDataRead(reader, id, (int) minors);
        }
        java.util.function.Predicate<AttendanceRecord> hidden = r -> r.role() == Role.LEARNER && !mayReadMinors;
        if ("csv".equals(format)) {
            ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"attendance-" + id + ".csv\"")
                    .end(AttendanceCsv.write(records, now, r -> hidden.test(r) ? "" : r.name()));
            return;
        }
        ArrayNode rows = json.createArrayNode();
        for (AttendanceRecord r : records) {
            ObjectNode row = rows.addObject();
            row.put("participantId", r.participantId());
            row.put("role", r.role().wireName());
            if (hidden.test(r)) {
                row.putNull("name").put("nameHidden", "minors_data_permission_required");
            } else {
                row.put("name", r.name());
            }
            row.put("joinedAt", r.joinedAt().toString());
            row.put("leftAt", r.leftAt() == null ? null : r.leftAt().toString());
            row.put("leaveReason", r.leaveReason());
            row.put("presentSeconds", r.presence(now).toSeconds());
            ObjectNode quality = row.putObject("quality");
            quality.put("samples", r.samples());
            quality.put("averageLossPercent", r.averageLossPercent());
            quality.put("totalFreezeMs", r.totalFreezeMs());
            quality.put("averageKbps", r.averageKbps());
        }
        ObjectNode report = json.createObjectNode();
        report.put("lessonId", id);
        // What the report's reader recognises the lesson by: its title, and its date when it was timetabled.
        java.util.Optional<Lesson> made = lessons.find(id);
        java.util.Optional<org.sanke.classroom.ScheduledLesson> slot = made.isPresent() ? java.util.Optional.empty()
                : scheduling.lesson(id);
        report.put("title", made.map(Lesson::title).or(() -> slot.map(s -> s.lesson().title())).orElse(null));
        report.put("start", slot.map(s -> s.start().toString()).orElse(null));
        report.set("participants", rows);
        reply(ctx, 200, report);
    }

    private ObjectNode lessonJson(Lesson lesson) {
        ObjectNode node = json.createObjectNode();
        node.put("id", lesson.id());
        node.put("title", lesson.title());
        node.put("mode", lesson.mode().wireName());
        node.put("maxClassrooms", lesson.maxClassrooms());
        ObjectNode links = node.putObject("links");
        links.put("teacher", "/teacher.html?lesson=" + lesson.id());
        links.put("classroom", "/classroom.html?lesson=" + lesson.id());
        // The audience's page: observer teachers of a master-teacher lesson, learners of an open lesson.
        switch (lesson.mode()) {
            case MASTER_TEACHER -> links.put("observer", "/observer.html?role=observer&lesson=" + lesson.id());
            case FAMOUS_SCHOOL -> links.put("observer", "/observer.html?role=learner&lesson=" + lesson.id());
            case DEDICATED -> { }
        }
        ArrayNode participants = node.putArray("participants");
        for (Participant p : rooms.participants(lesson.id())) {
            if (!p.role().visible()) {
                continue;
            }
            participants.addObject().put("participantId", p.id()).put("role", p.role().wireName())
                    .put("name", p.displayName());
        }
        return node;
    }

    private void error(RoutingContext ctx, int status, String code, String field, String message) {
        ObjectNode node = json.createObjectNode();
        node.put("error", code);
        if (field != null) {
            node.put("field", field);
        }
        node.put("message", message);
        reply(ctx, status, node);
    }

    private static void reply(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }
}
