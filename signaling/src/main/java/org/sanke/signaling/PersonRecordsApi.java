package org.sanke.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.sanke.classroom.Person;
import org.sanke.classroom.access.Action;
import org.sanke.classroom.access.Target;
import org.sanke.classroom.audit.AuditActor;
import org.sanke.classroom.audit.AuditEvent;
import org.sanke.classroom.audit.AuditQuery;
import org.sanke.classroom.audit.Outcome;
import org.sanke.classroom.privacy.DataRequest;
import org.sanke.classroom.privacy.PersonData;
import org.sanke.classroom.privacy.PersonRecords;
import org.sanke.classroom.privacy.RealNameMethod;
import org.sanke.classroom.privacy.RealNameVerification;
import org.sanke.classroom.privacy.StaffPermission;
import org.sanke.signaling.RestSupport.Refusal;

/**
 * REST for people's records (docs/api.md): real-name verification, staff permissions, a person's own data (view,
 * export, correction, deletion request) and its decision, and the audit trail. Every route reads the store: on
 * workers.
 */
final class PersonRecordsApi {
    private final PersonRecords records;
    private final org.sanke.classroom.privacy.Minors minors;
    private final RestSupport rest;

    PersonRecordsApi(Domain domain, RestSupport rest) {
        this.records = domain.access().records();
        this.minors = domain.minors();
        this.rest = rest;
    }

    void routes(Router router) {
        router.put("/api/people/:id/real-name").blockingHandler(ctx -> rest.handle(ctx, 200, this::verify), false);
        router.delete("/api/people/:id/real-name").blockingHandler(ctx -> rest.handle(ctx, 200, this::unverify),
                false);
        router.put("/api/people/:id/permissions/minors-data").blockingHandler(ctx -> rest.handle(ctx, 200,
                c -> permission(c, true)), false);
        router.delete("/api/people/:id/permissions/minors-data").blockingHandler(ctx -> rest.handle(ctx, 200,
                c -> permission(c, false)), false);
        router.get("/api/people/:id/data").blockingHandler(ctx -> rest.handle(ctx, 200, this::export), false);
        router.patch("/api/people/:id").blockingHandler(ctx -> rest.handle(ctx, 200, this::correct), false);
        router.post("/api/people/:id/deletion-requests").blockingHandler(ctx -> rest.handle(ctx, 201,
                this::requestDeletion), false);
        router.get("/api/people/:id/deletion-requests").blockingHandler(ctx -> rest.handle(ctx, 200,
                this::deletionRequests), false);
        router.get("/api/data-requests").blockingHandler(ctx -> rest.handle(ctx, 200, this::pending), false);
        router.post("/api/data-requests/:id/decision").blockingHandler(ctx -> rest.handle(ctx, 200, this::decide),
                false);
        router.get("/api/audit").blockingHandler(ctx -> rest.handle(ctx, 200, this::auditTrail), false);
        router.get("/api/audit/export").blockingHandler(this::exportAuditTrail, false);
    }

    /** Checks the table for an action on the person of the path; 404 when there is no such person. */
    private Person requireOnPerson(RoutingContext ctx, Action action) throws Refusal {
        String id = ctx.pathParam("id");
        Target.Person target = records.target(id).orElseThrow(() -> new Refusal(404, "person_not_found", "id",
                "no person has the id " + id));
        AccessGate.require(ctx, action, target);
        return AccessGate.caller(ctx).person();
    }

    private JsonNode verify(RoutingContext ctx) throws Refusal {
        Person by = requireOnPerson(ctx, Action.VERIFY_REAL_NAME);
        ObjectNode body = rest.body(ctx, Set.of("method"));
        String name = RestSupport.text(body, "method", 32, true);
        RealNameMethod method = RealNameMethod.fromWireName(name).filter(m -> m != RealNameMethod.OPERATOR_DECLARED)
                .orElseThrow(() -> Refusal.invalid("method", "must be documents_checked, qualification_registry or"
                        + " identity_provider"));
        return realNameJson(ctx.pathParam("id"), call(() -> records.verifyRealName(by, ctx.pathParam("id"), method)));
    }

    private JsonNode unverify(RoutingContext ctx) throws Refusal {
        Person by = requireOnPerson(ctx, Action.VERIFY_REAL_NAME);
        call(() -> {
            records.withdrawRealName(by, ctx.pathParam("id"));
            return null;
        });
        return realNameJson(ctx.pathParam("id"), null);
    }

    private JsonNode permission(RoutingContext ctx, boolean give) throws Refusal {
        Person by = requireOnPerson(ctx, Action.PERMIT_MINORS_DATA);
        String id = ctx.pathParam("id");
        call(() -> {
            if (give) {
                records.permit(by, id, StaffPermission.MINORS_DATA);
            } else {
                records.withdrawPermission(by, id, StaffPermission.MINORS_DATA);
            }
            return null;
        });
        return rest.object().put("personId", id).put("permission", StaffPermission.MINORS_DATA.wireName())
                .put("held", give);
    }

    private JsonNode export(RoutingContext ctx) throws Refusal {
        Person by = requireOnPerson(ctx, Action.READ_PERSON_DATA);
        PersonData data = call(() -> records.export(by, ctx.pathParam("id")));
        ObjectNode out = rest.object();
        out.put("exportedAt", Instant.now().toString());
        Person p = data.person();
        out.putObject("person").put("id", p.id()).put("schoolId", p.schoolId()).put("name", p.name())
                .put("role", p.role().wireName());
        ObjectNode account = out.putObject("account");
        account.put("loginName", data.loginName()).put("createdAt", text(data.accountMade()))
                .put("secondFactor", data.secondFactor());
        out.set("realName", realNameJson(p.id(), data.realName()));
        MinorsApi.json(out.putObject("minor"), minors.of(p));
        data.guardianIds().forEach(out.putArray("guardianIds")::add);
        data.wardIds().forEach(out.putArray("wardIds")::add);
        ArrayNode held = out.putArray("permissions");
        data.permissions().forEach(permission -> held.add(permission.wireName()));
        ArrayNode requests = out.putArray("deletionRequests");
        data.requests().forEach(r -> requests.add(requestJson(r)));
        ArrayNode lessons = out.putArray("lessons");
        data.lessons().forEach(l -> lessons.addObject().put("lessonId", l.lessonId()).put("role", l.role())
                .put("joinedAt", l.joinedAt().toString()).put("leftAt", text(l.leftAt())));
        out.put("notKept", "a classroom's attendance is the room's, not a pupil's; media is not recorded unless a"
                + " lesson is");
        return out;
    }

    private JsonNode correct(RoutingContext ctx) throws Refusal {
        Person by = requireOnPerson(ctx, Action.CORRECT_PERSON_DATA);
        ObjectNode body = rest.body(ctx, Set.of("name"));
        String name = RestSupport.text(body, "name", 64, true);
        Person corrected = call(() -> records.correctName(by, ctx.pathParam("id"), name));
        return rest.object().put("id", corrected.id()).put("schoolId", corrected.schoolId())
                .put("name", corrected.name()).put("role", corrected.role().wireName());
    }

    private JsonNode requestDeletion(RoutingContext ctx) throws Refusal {
        Person by = requireOnPerson(ctx, Action.REQUEST_DELETION);
        rest.body(ctx, Set.of());
        return requestJson(call(() -> records.requestDeletion(by, ctx.pathParam("id"))));
    }

    private JsonNode deletionRequests(RoutingContext ctx) throws Refusal {
        requireOnPerson(ctx, Action.REQUEST_DELETION);
        ArrayNode list = rest.object().arrayNode();
        records.requestsOf(ctx.pathParam("id")).forEach(r -> list.add(requestJson(r)));
        return list;
    }

    /** Pending requests of the people the caller decides for. */
    private JsonNode pending(RoutingContext ctx) throws Refusal {
        String school = AccessGate.listedSchool(ctx, Action.DECIDE_DATA_REQUEST, ctx.queryParams().get("schoolId"));
        ArrayNode list = rest.object().arrayNode();
        for (DataRequest r : records.pendingRequests()) {
            records.target(r.personId()).filter(t -> school == null || school.equals(t.schoolId()))
                    .ifPresent(t -> list.add(requestJson(r)));
        }
        return list;
    }

    private JsonNode decide(RoutingContext ctx) throws Refusal {
        String id = ctx.pathParam("id");
        DataRequest request = call(() -> records.request(id));
        Target.Person target = records.target(request.personId()).orElseThrow(() -> new Refusal(409,
                "already_decided", "id", "this request was already decided"));
        AccessGate.require(ctx, Action.DECIDE_DATA_REQUEST, Target.school(target.schoolId()));
        ObjectNode body = rest.body(ctx, Set.of("carryOut", "reason"));
        JsonNode carryOut = body.get("carryOut");
        if (carryOut == null || !carryOut.isBoolean()) {
            throw Refusal.invalid("carryOut", "must be true (delete the data) or false (refuse, with a reason)");
        }
        String reason = RestSupport.text(body, "reason", 1000, false);
        Person by = AccessGate.caller(ctx).person();
        return requestJson(call(() -> records.decide(by, id, carryOut.asBoolean(), reason)));
    }

    private JsonNode auditTrail(RoutingContext ctx) throws Refusal {
        AccessGate.require(ctx, Action.READ_AUDIT_TRAIL, Target.platform());
        int limit = number(ctx, "limit", 100);
        String before = ctx.queryParams().get("before");
        Long beforeId = before == null ? null : (long) number(ctx, "before", 0);
        ArrayNode list = rest.object().arrayNode();
        for (AuditEvent e : records.audit().search(auditQuery(ctx), limit, beforeId)) {
            list.addObject().put("id", e.id()).put("seq", e.seq()).put("at", e.at().toString())
                    .put("actorId", e.actorId()).put("actorRole", e.actorRole()).put("action", e.action())
                    .put("outcome", e.outcome() == null ? null : e.outcome().wireName())
                    .put("sourceAddress", e.sourceAddress()).put("subject", e.subject()).put("detail", e.detail());
        }
        return list;
    }

    /** The most entries one export holds: a larger one is refused, and the auditor narrows the time range. */
    static final int MAX_EXPORT = 100_000;

    /** The entries that match as CSV, with their hashes; the export itself is audited (S23). */
    private void exportAuditTrail(RoutingContext ctx) {
        try {
            AccessGate.require(ctx, Action.READ_AUDIT_TRAIL, Target.platform());
            AuditQuery query = auditQuery(ctx);
            List<AuditEvent> rows = records.audit().export(AuditActor.of(AccessGate.caller(ctx).person(),
                    AccessGate.clientAddress(ctx)), query, MAX_EXPORT);
            if (rows == null) {
                throw new Refusal(400, "too_many_entries", "from", "more than " + MAX_EXPORT + " entries match:"
                        + " narrow the time range");
            }
            StringBuilder csv = new StringBuilder("seq,at,actor_id,actor_role,action,outcome,source_address,subject,"
                    + "detail,prev_hash,hash\r\n");
            for (AuditEvent e : rows.reversed()) {
                csv.append(e.seq()).append(',').append(e.at()).append(',');
                for (String field : new String[] {e.actorId(), e.actorRole(), e.action(),
                        e.outcome() == null ? null : e.outcome().wireName(), e.sourceAddress(), e.subject(),
                        e.detail(), e.prevHash()}) {
                    csv.append(field == null ? "" : AttendanceCsv.quote(field)).append(',');
                }
                csv.append(e.hash() == null ? "" : e.hash()).append("\r\n");
            }
            ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"audit-trail.csv\"").end(csv.toString());
        } catch (Refusal refusal) {
            rest.refuse(ctx, refusal);
        }
    }

    /** The search's filters from the query: from, to (ISO-8601 instants), actorId, action, outcome. */
    private static AuditQuery auditQuery(RoutingContext ctx) throws Refusal {
        String outcome = ctx.queryParams().get("outcome");
        return new AuditQuery(instant(ctx, "from"), instant(ctx, "to"), filter(ctx, "actorId"),
                filter(ctx, "action"), outcome == null ? null : Outcome.fromWireName(outcome).orElseThrow(() ->
                        Refusal.invalid("outcome", "must be success or failure")));
    }

    private static Instant instant(RoutingContext ctx, String name) throws Refusal {
        String value = ctx.queryParams().get(name);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw Refusal.invalid(name, "must be a time like 2026-09-01T00:00:00Z");
        }
    }

    private static String filter(RoutingContext ctx, String name) throws Refusal {
        String value = ctx.queryParams().get(name);
        if (value != null && (value.isBlank() || value.length() > 64)) {
            throw Refusal.invalid(name, "must be 1 to 64 characters");
        }
        return value;
    }

    private static int number(RoutingContext ctx, String name, int otherwise) throws Refusal {
        String value = ctx.queryParams().get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw Refusal.invalid(name, "must be a whole number from 1");
        }
    }

    private ObjectNode realNameJson(String personId, RealNameVerification v) {
        ObjectNode node = rest.object().put("personId", personId).put("verified", v != null);
        if (v != null) {
            node.put("method", v.method().wireName()).put("verifiedBy", v.verifiedBy())
                    .put("verifiedAt", v.verifiedAt().toString());
        }
        return node;
    }

    private ObjectNode requestJson(DataRequest r) {
        return rest.object().put("id", r.id()).put("personId", r.personId()).put("kind", "deletion")
                .put("requestedBy", r.requestedBy()).put("requestedAt", r.requestedAt().toString())
                .put("state", r.state().wireName()).put("decidedBy", r.decidedBy())
                .put("decidedAt", text(r.decidedAt())).put("reason", r.reason());
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    /** The records' work; its refusals become the API's. */
    private interface RecordsWork<T> {
        T run() throws PersonRecords.Refused;
    }

    private static <T> T call(RecordsWork<T> work) throws Refusal {
        try {
            return work.run();
        } catch (PersonRecords.Refused refused) {
            throw switch (refused.problem()) {
                case NOT_FOUND -> new Refusal(404, "not_found", "id", refused.getMessage());
                case PERMISSION_REQUIRED -> new Refusal(403, "permission_required", null, refused.getMessage());
                case INVALID -> new Refusal(400, "invalid_request", null, refused.getMessage());
                case CONFLICT -> new Refusal(409, "conflict", null, refused.getMessage());
            };
        }
    }
}
