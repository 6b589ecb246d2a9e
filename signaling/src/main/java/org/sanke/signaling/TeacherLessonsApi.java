package org.sanke.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import org.sanke.classroom.Lesson;
import org.sanke.classroom.Person;
import org.sanke.classroom.ScheduledLesson;
import org.sanke.classroom.Scheduling;
import org.sanke.signaling.RestSupport.Refusal;

/**
 * A teacher's home (docs/api.md): the lessons the signed-in person teaches today and in the coming days, from the
 * timetable, and the lessons she made. Only her own: no table entry is needed. Reads the store: on a worker.
 */
final class TeacherLessonsApi {
    /** The most days ahead a teacher's list reaches. */
    static final int MOST_DAYS = 31;

    private final Domain domain;
    private final RestSupport rest;

    TeacherLessonsApi(Domain domain, RestSupport rest) {
        this.domain = domain;
        this.rest = rest;
    }

    void routes(Router router) {
        router.get("/api/my-lessons").blockingHandler(ctx -> rest.handle(ctx, 200, this::myLessons), false);
    }

    private JsonNode myLessons(RoutingContext ctx) throws Refusal {
        Person me = AccessGate.caller(ctx).person();
        int days = days(ctx.queryParams().get("days"));
        Scheduling scheduling = domain.scheduling();
        LocalDate today = LocalDate.now(scheduling.clock());
        ObjectNode out = rest.object();
        out.put("from", today.toString()).put("to", today.plusDays(days - 1L).toString());
        ArrayNode timetabled = out.putArray("timetabled");
        for (ScheduledLesson slot : scheduling.taughtBy(me.id(), today, today.plusDays(days - 1L))) {
            timetabled.addObject().put("id", slot.lesson().id()).put("title", slot.lesson().title())
                    .put("mode", slot.lesson().mode().wireName()).put("start", slot.start().toString())
                    .put("end", slot.start().plus(slot.entry().duration()).toString())
                    .put("state", scheduling.state(slot).name().toLowerCase(java.util.Locale.ROOT));
        }
        ArrayNode made = out.putArray("made");
        for (Lesson lesson : domain.lessons().all()) {
            if (me.id().equals(lesson.ownerId())) {
                made.addObject().put("id", lesson.id()).put("title", lesson.title())
                        .put("mode", lesson.mode().wireName());
            }
        }
        return out;
    }

    private static int days(String asked) throws Refusal {
        if (asked == null) {
            return 7;
        }
        try {
            int days = Integer.parseInt(asked);
            if (days >= 1 && days <= MOST_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Refusal.invalid("days", "must be a whole number from 1 to " + MOST_DAYS);
    }
}
