package org.sanke.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.sanke.classroom.access.AccessRules;
import org.sanke.classroom.access.Action;
import org.sanke.classroom.access.LessonScopes;
import org.sanke.classroom.access.Target;
import org.sanke.classroom.audit.AuditActor;
import org.sanke.classroom.audit.Outcome;
import org.sanke.classroom.report.Report;
import org.sanke.signaling.RestSupport.Refusal;

/**
 * The staff's queue of reports from lessons (S14, docs/api.md): who reported whom, why, the message, the still frame;
 * staff dismiss a report or record that they acted. Runs on workers.
 */
final class ReportsApi {
    private static final int LISTED = 200;

    private final Domain domain;
    private final RestSupport rest;
    private final LessonScopes scopes;

    ReportsApi(Domain domain, RestSupport rest) {
        this.domain = domain;
        this.rest = rest;
        this.scopes = new LessonScopes(domain.lessons(), domain.scheduling(), domain.schools());
    }

    void routes(Router router) {
        router.get("/api/reports").blockingHandler(ctx -> rest.handle(ctx, 200, this::list), false);
        router.get("/api/reports/:id/frame").blockingHandler(this::frame, false);
        router.post("/api/reports/:id/decision").blockingHandler(ctx -> rest.handle(ctx, 200, this::decide), false);
    }

    /** Where a report's lesson belongs, for who may read it; a lesson gone from the directory: the platform's. */
    private Target target(Report report) {
        return scopes.of(report.lessonId()).<Target>map(t -> t).orElse(Target.platform());
    }

    private boolean mayRead(RoutingContext ctx, Report report) {
        return AccessRules.decide(AccessGate.caller(ctx), Action.REVIEW_REPORTS, target(report)).allowed();
    }

    private JsonNode list(RoutingContext ctx) throws Refusal {
        AccessGate.require(ctx, Action.REVIEW_REPORTS, AccessGate.caller(ctx).person().schoolId() == null
                ? Target.platform() : Target.school(AccessGate.caller(ctx).person().schoolId()));
        boolean openOnly = !"false".equals(ctx.queryParams().get("open"));
        ArrayNode list = rest.object().arrayNode();
        for (Report r : domain.reports().list(openOnly, LISTED)) {
            if (mayRead(ctx, r)) {
                list.add(json(r));
            }
        }
        return list;
    }

    private Report readable(RoutingContext ctx) throws Refusal {
        String id = ctx.pathParam("id");
        Report report = domain.reports().find(id).orElseThrow(() -> new Refusal(404, "not_found", "id",
                "no report has the id " + id));
        AccessGate.require(ctx, Action.REVIEW_REPORTS, target(report));
        return report;
    }

    /** The still frame as the reporter saw it. */
    private void frame(RoutingContext ctx) {
        try {
            Report report = readable(ctx);
            if (report.frameJpeg() == null) {
                throw new Refusal(404, "not_found", "id", "this report has no still frame");
            }
            ctx.response().putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "no-store")
                    .end(Buffer.buffer(report.frameJpeg()));
        } catch (Refusal refusal) {
            rest.refuse(ctx, refusal);
        }
    }

    private JsonNode decide(RoutingContext ctx) throws Refusal {
        Report report = readable(ctx);
        ObjectNode body = rest.body(ctx, Set.of("outcome", "note"));
        String outcome = RestSupport.text(body, "outcome", 16, true);
        if (!outcome.equals("dismissed") && !outcome.equals("acted")) {
            throw Refusal.invalid("outcome", "must be dismissed or acted");
        }
        String note = RestSupport.text(body, "note", 500, false);
        var by = AccessGate.caller(ctx).person();
        Report decided = domain.reports().decide(report.id(), outcome, by.id(), note).orElseThrow(() ->
                new Refusal(409, "conflict", "id", "this report has been decided already"));
        domain.access().records().audit().record(AuditActor.of(by, AccessGate.clientAddress(ctx)),
                "report_decided", Outcome.SUCCESS, report.lessonId(), outcome + " " + report.id());
        return json(decided);
    }

    private ObjectNode json(Report r) {
        return rest.object().put("id", r.id()).put("lessonId", r.lessonId()).put("lessonTitle", r.lessonTitle())
                .put("kind", r.kind().wireName()).put("reporterName", r.reporterName())
                .put("targetParticipantId", r.targetParticipantId()).put("targetName", r.targetName())
                .put("targetPersonId", r.targetPersonId()).put("targetClassroomId", r.targetClassroomId())
                .put("reason", r.reason()).put("message", r.message()).put("hasFrame", r.frameJpeg() != null)
                .put("at", r.at().toString()).put("outcome", r.outcome()).put("decidedBy", r.decidedBy())
                .put("note", r.note());
    }
}
