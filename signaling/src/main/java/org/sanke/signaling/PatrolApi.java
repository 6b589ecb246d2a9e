package org.sanke.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.Optional;
import org.sanke.classroom.Lesson;
import org.sanke.classroom.Role;
import org.sanke.classroom.access.AccessRules;
import org.sanke.classroom.access.Action;
import org.sanke.classroom.access.LessonScopes;
import org.sanke.classroom.access.Target;
import org.sanke.signaling.RestSupport.Refusal;
import org.sanke.signaling.session.LessonPictures;
import org.sanke.signaling.session.LessonRooms;

/**
 * The inspectors' patrol wall (S12, docs/api.md): the live lessons of their jurisdiction, each with a small picture
 * of its main stream that renews every few seconds, never a full stream per tile. Watching one goes through an
 * inspector's grant like any unseen visit. Runs on workers.
 */
final class PatrolApi {
    private final LessonRooms rooms;
    private final RestSupport rest;
    private final LessonScopes scopes;

    PatrolApi(Domain domain, LessonRooms rooms, RestSupport rest) {
        this.rooms = rooms;
        this.rest = rest;
        this.scopes = new LessonScopes(domain.lessons(), domain.scheduling(), domain.schools());
    }

    void routes(Router router) {
        router.get("/api/patrol").blockingHandler(ctx -> rest.handle(ctx, 200, this::wall), false);
        router.get("/api/patrol/:id/picture").blockingHandler(this::picture, false);
    }

    private JsonNode wall(RoutingContext ctx) throws Refusal {
        String school = AccessGate.caller(ctx).person().schoolId();
        AccessGate.require(ctx, Action.PATROL, school == null ? Target.platform() : Target.school(school));
        ArrayNode wall = rest.object().arrayNode();
        for (Lesson lesson : rooms.lessonsLive().stream().sorted(Comparator.comparing(Lesson::title)).toList()) {
            Optional<Target.Lesson> target = scopes.of(lesson.id());
            if (target.isEmpty() || !AccessRules.decide(AccessGate.caller(ctx), Action.PATROL, target.get())
                    .allowed()) {
                continue;
            }
            var participants = rooms.participants(lesson.id());
            ObjectNode tile = wall.addObject().put("lessonId", lesson.id()).put("title", lesson.title())
                    .put("mode", lesson.mode().wireName())
                    // Inspectors are never counted or listed: their visit stays unseen, even by each other.
                    .put("participants", participants.stream().filter(p -> p.role() != Role.INSPECTOR).count());
            participants.stream().filter(p -> p.role() == Role.TEACHER).findFirst()
                    .ifPresent(teacher -> tile.put("teacher", teacher.displayName()));
            rooms.pictures().mainPicture(lesson.id()).ifPresent(picture -> tile.putObject("picture")
                    .put("at", picture.at().toString()).put("name", picture.displayName())
                    .put("source", picture.source()));
        }
        return wall;
    }

    /** The main picture of a live lesson the caller may patrol. */
    private void picture(RoutingContext ctx) {
        try {
            String id = ctx.pathParam("id");
            Target.Lesson target = scopes.of(id).orElseThrow(() -> new Refusal(404, "lesson_not_found", "id",
                    "no lesson has the id " + id));
            AccessGate.require(ctx, Action.PATROL, target);
            LessonPictures.Picture picture = rooms.pictures().mainPicture(id).orElseThrow(() -> new Refusal(404,
                    "no_picture_yet", "id", "this lesson has no picture yet: nobody sends video, or it has just"
                    + " started"));
            ctx.response().putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "no-store")
                    .end(Buffer.buffer(picture.jpeg()));
        } catch (Refusal refusal) {
            rest.refuse(ctx, refusal);
        }
    }
}
