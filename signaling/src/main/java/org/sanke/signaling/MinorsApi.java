package org.sanke.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.sanke.classroom.Person;
import org.sanke.classroom.access.Action;
import org.sanke.classroom.access.Target;
import org.sanke.classroom.audit.AuditActor;
import org.sanke.classroom.audit.Outcome;
import org.sanke.classroom.privacy.AgeBand;
import org.sanke.classroom.privacy.MinorStatus;
import org.sanke.classroom.privacy.Minors;
import org.sanke.signaling.RestSupport.Refusal;

/**
 * Learners' minor state (S33, docs/api.md): the school says who is a minor or under 14; a guardian gives or withdraws
 * consent for an under-14 to appear in lessons and recordings. Changes are audited. Runs on workers.
 */
final class MinorsApi {
    private final Domain domain;
    private final RestSupport rest;

    MinorsApi(Domain domain, RestSupport rest) {
        this.domain = domain;
        this.rest = rest;
    }

    void routes(Router router) {
        router.put("/api/people/:id/age-band").blockingHandler(ctx -> rest.handle(ctx, 200, this::setBand), false);
        router.put("/api/people/:id/guardian-consent").blockingHandler(ctx -> rest.handle(ctx, 200, this::consent),
                false);
    }

    /** The person of the path, once the caller may take {@code action} on them; 404 when there is none. */
    private Person person(RoutingContext ctx, Action action) throws Refusal {
        String id = ctx.pathParam("id");
        Target.Person target = domain.access().records().target(id).orElseThrow(() -> new Refusal(404,
                "person_not_found", "id", "no person has the id " + id));
        AccessGate.require(ctx, action, target);
        return domain.schools().person(id).orElseThrow(() -> new Refusal(404, "person_not_found", "id",
                "no person has the id " + id));
    }

    private JsonNode setBand(RoutingContext ctx) throws Refusal {
        Person person = person(ctx, Action.SET_AGE_BAND);
        ObjectNode body = rest.body(ctx, Set.of("ageBand"));
        AgeBand band = AgeBand.fromWireName(RestSupport.text(body, "ageBand", 16, true)).orElseThrow(() ->
                Refusal.invalid("ageBand", "must be adult, minor or under_14"));
        Person by = AccessGate.caller(ctx).person();
        MinorStatus status = call(() -> domain.minors().setBand(person, band, by.id()));
        audit(ctx, by, "age_band_set", person.id() + " " + band.wireName());
        return json(status);
    }

    private JsonNode consent(RoutingContext ctx) throws Refusal {
        Person person = person(ctx, Action.GUARDIAN_CONSENT);
        ObjectNode body = rest.body(ctx, Set.of("consent"));
        JsonNode consent = body.get("consent");
        if (consent == null || !consent.isBoolean()) {
            throw Refusal.invalid("consent", "must be true or false");
        }
        Person by = AccessGate.caller(ctx).person();
        MinorStatus status = call(() -> domain.minors().consent(person, consent.booleanValue(), by.id()));
        audit(ctx, by, consent.booleanValue() ? "guardian_consent_given" : "guardian_consent_withdrawn",
                person.id());
        return json(status);
    }

    private void audit(RoutingContext ctx, Person by, String action, String detail) {
        domain.access().records().audit().record(AuditActor.of(by, AccessGate.clientAddress(ctx)), action,
                Outcome.SUCCESS, null, detail);
    }

    static ObjectNode json(ObjectNode into, MinorStatus s) {
        return into.put("personId", s.personId()).put("ageBand", s.band().wireName())
                .put("guardianConsent", s.consented())
                .put("consentAt", s.consentAt() == null ? null : s.consentAt().toString())
                .put("publishes", s.mayPublish()).put("recorded", s.mayBeRecorded());
    }

    private ObjectNode json(MinorStatus s) {
        return json(rest.object(), s);
    }

    private interface Change {
        MinorStatus run() throws Minors.Refused;
    }

    private static MinorStatus call(Change change) throws Refusal {
        try {
            return change.run();
        } catch (Minors.Refused e) {
            throw new Refusal(409, e.code(), null, e.getMessage());
        }
    }
}
