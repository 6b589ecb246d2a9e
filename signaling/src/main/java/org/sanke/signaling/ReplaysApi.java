package org.sanke.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.sanke.classroom.Person;
import org.sanke.classroom.Refused;
import org.sanke.classroom.access.Action;
import org.sanke.classroom.access.Target;
import org.sanke.classroom.audit.AuditActor;
import org.sanke.classroom.audit.Outcome;
import org.sanke.classroom.replay.Replay;
import org.sanke.classroom.replay.ReplaySearch;
import org.sanke.classroom.replay.ReviewDecision;
import org.sanke.classroom.replay.Viewer;
import org.sanke.signaling.RestSupport.Refusal;

/**
 * Replays (issue 15, docs/api.md): the reviewers' queue and their decisions (S19: nothing plays unreviewed), the
 * library a viewer may watch, and the video itself, served only to whom the domain lets watch it. Runs on workers.
 */
final class ReplaysApi {
    private static final int LISTED = 100;

    private final Domain domain;
    private final RestSupport rest;
    private final Path root;

    /** @param root where composed replays are, or null when lessons are not recorded */
    ReplaysApi(Domain domain, RestSupport rest, Path root) {
        this.domain = domain;
        this.rest = rest;
        this.root = root;
    }

    void routes(Router router) {
        router.get("/api/replays/pending").blockingHandler(ctx -> rest.handle(ctx, 200, this::pending), false);
        router.post("/api/replays/:id/decision").blockingHandler(ctx -> rest.handle(ctx, 200, this::decide), false);
        router.get("/api/replays").blockingHandler(ctx -> rest.handle(ctx, 200, this::library), false);
        router.get("/api/replays/:id/video").blockingHandler(this::video, false);
    }

    private static Viewer viewer(RoutingContext ctx) {
        Person p = AccessGate.caller(ctx).person();
        return Viewer.person(p.id(), p.role(), p.schoolId(), null);
    }

    private JsonNode pending(RoutingContext ctx) throws Refusal {
        AccessGate.require(ctx, Action.REVIEW_REPLAYS, Target.platform());
        ArrayNode list = rest.object().arrayNode();
        domain.replays().pendingQueue(LISTED).forEach(r -> list.add(json(r)));
        return list;
    }

    private JsonNode library(RoutingContext ctx) throws Refusal {
        AccessGate.require(ctx, Action.WATCH_REPLAYS, Target.platform());
        ArrayNode list = rest.object().arrayNode();
        domain.replays().library(viewer(ctx), ReplaySearch.all(LISTED)).forEach(r -> list.add(json(r)));
        return list;
    }

    private JsonNode decide(RoutingContext ctx) throws Refusal {
        AccessGate.require(ctx, Action.REVIEW_REPLAYS, Target.platform());
        ObjectNode body = rest.body(ctx, Set.of("version", "outcome", "reason"));
        JsonNode version = body.get("version");
        if (version == null || !version.isInt()) {
            throw Refusal.invalid("version", "the version reviewed, a whole number");
        }
        String outcome = RestSupport.text(body, "outcome", 16, true);
        String reason = RestSupport.text(body, "reason", Replay.MAX_REASON_LENGTH, false);
        String id = ctx.pathParam("id");
        ReviewDecision decision;
        try {
            decision = switch (outcome) {
                case "approve" -> domain.replays().approve(id, version.asInt(), viewer(ctx));
                case "reject" -> domain.replays().reject(id, version.asInt(), viewer(ctx), reason);
                default -> throw Refusal.invalid("outcome", "must be approve or reject");
            };
        } catch (Refused e) {
            throw new Refusal(e.code().endsWith("_not_found") ? 404 : 409, e.code(), e.field(), e.getMessage());
        }
        domain.access().records().audit().record(AuditActor.of(AccessGate.caller(ctx).person(),
                AccessGate.clientAddress(ctx)), "replay_" + outcome + "d", Outcome.SUCCESS,
                decision.replay().lesson().lessonId(), id + " v" + version.asInt());
        return json(decision.replay());
    }

    /** The MP4, to whom may watch it now (a learner: approved only; reviewers and its teacher: in review too). */
    private void video(RoutingContext ctx) {
        try {
            AccessGate.require(ctx, Action.WATCH_REPLAYS, Target.platform());
            String id = ctx.pathParam("id");
            Replay replay = domain.replays().watchable(id, viewer(ctx)).orElseThrow(() -> new Refusal(404,
                    "replay_not_found", "id", "no replay " + id + " you may watch"));
            Path file = replay.files() == null || root == null ? null : root.resolve(replay.files().mp4()).normalize();
            if (file == null || !file.startsWith(root.normalize()) || !Files.isRegularFile(file)) {
                throw new Refusal(404, "replay_not_found", "id", "replay " + id + " has no video yet");
            }
            ctx.response().putHeader("Content-Type", "video/mp4").putHeader("Cache-Control", "private, no-store")
                    .sendFile(file.toString());
        } catch (Refusal refusal) {
            rest.refuse(ctx, refusal);
        }
    }

    private ObjectNode json(Replay r) {
        ObjectNode node = rest.object().put("id", r.id()).put("lessonId", r.lesson().lessonId())
                .put("title", r.lesson().title()).put("mode", r.lesson().mode().wireName())
                .put("teacherName", r.lesson().teacherName()).put("startedAt", r.lesson().startedAt().toString())
                .put("state", r.state().name().toLowerCase(java.util.Locale.ROOT)).put("version", r.version())
                .put("durationSeconds", r.duration() == null ? null : r.duration().toMillis() / 1000.0)
                .put("reason", r.reason()).put("error", r.error());
        ArrayNode chapters = node.putArray("chapters");
        r.chapters().forEach(c -> chapters.addObject().put("offsetMillis", c.offsetMillis())
                .put("kind", c.kind().wireName()));
        return node;
    }
}
