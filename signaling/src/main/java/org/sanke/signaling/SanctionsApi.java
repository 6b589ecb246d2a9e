package org.sanke.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.sanke.classroom.Classroom;
import org.sanke.classroom.Person;
import org.sanke.classroom.access.AccessRules;
import org.sanke.classroom.access.Action;
import org.sanke.classroom.access.Target;
import org.sanke.classroom.audit.AuditActor;
import org.sanke.classroom.audit.Outcome;
import org.sanke.classroom.sanction.Sanction;
import org.sanke.signaling.RestSupport.Refusal;

/**
 * REST for safety staff's graded measures (S16, docs/api.md): a warning, limited functions, a suspension or the
 * blacklist against a person or a classroom, each with its reason, audited; lifted by staff. Runs on workers.
 */
final class SanctionsApi {
    private static final int LISTED = 500;

    private final Domain domain;
    private final RestSupport rest;

    SanctionsApi(Domain domain, RestSupport rest) {
        this.domain = domain;
        this.rest = rest;
    }

    void routes(Router router) {
        router.post("/api/sanctions").blockingHandler(ctx -> rest.handle(ctx, 201, this::impose), false);
        router.get("/api/sanctions").blockingHandler(ctx -> rest.handle(ctx, 200, this::list), false);
        router.delete("/api/sanctions/:id").blockingHandler(ctx -> rest.handle(ctx, 200, this::lift), false);
    }

    private JsonNode impose(RoutingContext ctx) throws Refusal {
        ObjectNode body = rest.body(ctx, Set.of("subjectKind", "subjectId", "measure", "reason", "until"));
        String kindName = RestSupport.text(body, "subjectKind", 16, true);
        Sanction.Subject kind = switch (kindName) {
            case "person" -> Sanction.Subject.PERSON;
            case "classroom" -> Sanction.Subject.CLASSROOM;
            default -> throw Refusal.invalid("subjectKind", "must be person or classroom");
        };
        String subject = RestSupport.text(body, "subjectId", 64, true);
        Sanction.Measure measure = Sanction.Measure.fromWireName(RestSupport.text(body, "measure", 16, true))
                .orElseThrow(() -> Refusal.invalid("measure", "must be warn, limit, suspend or blacklist"));
        String reason = RestSupport.text(body, "reason", 500, true);
        String untilText = RestSupport.text(body, "until", 40, false);
        Instant until;
        try {
            until = untilText == null ? null : Instant.parse(untilText);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid("until", "must be an instant like 2027-01-15T08:00:00Z");
        }
        if (until != null && !until.isAfter(Instant.now())) {
            throw Refusal.invalid("until", "must be in the future");
        }
        AccessGate.require(ctx, Action.SANCTION, schoolOf(kind, subject));
        Person by = AccessGate.caller(ctx).person();
        if (kind == Sanction.Subject.PERSON && subject.equals(by.id())) {
            throw new Refusal(409, "conflict", "subjectId", "nobody takes a measure against themselves");
        }
        Sanction sanction = domain.sanctions().impose(by.id(), kind, subject, measure, reason, until);
        domain.access().records().audit().record(AuditActor.of(by, AccessGate.clientAddress(ctx)),
                "sanction_imposed", Outcome.SUCCESS, subject, measure.wireName() + ": " + reason);
        return json(sanction);
    }

    /** Every measure the caller may see, newest first, lifted ones too (the record of what was done). */
    private JsonNode list(RoutingContext ctx) throws Refusal {
        AccessGate.require(ctx, Action.SANCTION, AccessGate.caller(ctx).person().schoolId() == null
                ? Target.platform() : Target.school(AccessGate.caller(ctx).person().schoolId()));
        ArrayNode list = rest.object().arrayNode();
        for (Sanction s : domain.sanctions().all(LISTED)) {
            if (AccessRules.decide(AccessGate.caller(ctx), Action.SANCTION, schoolOfQuietly(s)).allowed()) {
                list.add(json(s));
            }
        }
        return list;
    }

    private JsonNode lift(RoutingContext ctx) throws Refusal {
        String id = ctx.pathParam("id");
        Sanction s = domain.sanctions().unlifted(id).orElseThrow(() -> new Refusal(404, "not_found", "id",
                "no measure in force has the id " + id));
        AccessGate.require(ctx, Action.SANCTION, schoolOfQuietly(s));
        Person by = AccessGate.caller(ctx).person();
        Sanction lifted = domain.sanctions().lift(id, by.id()).orElseThrow(() -> new Refusal(404, "not_found", "id",
                "no measure in force has the id " + id));
        domain.access().records().audit().record(AuditActor.of(by, AccessGate.clientAddress(ctx)),
                "sanction_lifted", Outcome.SUCCESS, s.subject(), s.measure().wireName());
        return json(lifted);
    }

    /** Where a subject belongs, for who may act on it: its school, or the platform. */
    private Target schoolOf(Sanction.Subject kind, String subject) throws Refusal {
        String school = kind == Sanction.Subject.PERSON
                ? domain.schools().person(subject).map(Person::schoolId).orElseThrow(() -> new Refusal(404,
                "person_not_found", "subjectId", "no person has the id " + subject))
                : domain.schools().classroom(subject).map(Classroom::schoolId).orElseThrow(() -> new Refusal(404,
                "classroom_not_found", "subjectId", "no classroom has the id " + subject));
        return school == null ? Target.platform() : Target.school(school);
    }

    private Target schoolOfQuietly(Sanction s) {
        try {
            return schoolOf(s.kind(), s.subject());
        } catch (Refusal gone) {
            return Target.platform(); // an archived subject: the platform's staff only
        }
    }

    private ObjectNode json(Sanction s) {
        ObjectNode node = rest.object().put("id", s.id())
                .put("subjectKind", s.kind().name().toLowerCase(java.util.Locale.ROOT))
                .put("subjectId", s.subject()).put("measure", s.measure().wireName()).put("reason", s.reason())
                .put("decidedBy", s.decidedBy()).put("at", s.at().toString())
                .put("until", s.until() == null ? null : s.until().toString())
                .put("liftedBy", s.liftedBy()).put("liftedAt", s.liftedAt() == null ? null : s.liftedAt().toString());
        java.util.Map<String, String> names = domain.schools().names(Set.of(s.subject()));
        return node.put("subjectName", names.get(s.subject()));
    }
}
