package org.sanke.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.sanke.classroom.Classroom;
import org.sanke.classroom.access.Action;
import org.sanke.classroom.access.Target;
import org.sanke.classroom.access.TerminalPairing;
import org.sanke.signaling.RestSupport.Refusal;

/**
 * Pairing classroom terminals (docs/api.md): a terminal asks for a code to show and polls with the secret it got;
 * an administrator confirms the code for a classroom of her school.
 */
final class PairingApi {
    private final Domain domain;
    private final TerminalPairing pairing;
    private final RestSupport rest;
    /** Codes are cheap to ask for, and every pending one takes memory: as many a minute as login attempts. */
    private final LoginThrottle throttle = new LoginThrottle(System::nanoTime);

    PairingApi(Domain domain, RestSupport rest) {
        this.domain = domain;
        this.pairing = domain.access().pairing();
        this.rest = rest;
    }

    void routes(Router router) {
        router.post("/api/terminals/pairing").handler(ctx -> rest.handle(ctx, 201, this::begin));
        router.get("/api/terminals/pairing/:id").handler(ctx -> rest.handle(ctx, 200, this::poll));
        router.post("/api/classrooms/:id/pair").blockingHandler(ctx -> rest.handle(ctx, 200, this::confirm), false);
    }

    private JsonNode begin(RoutingContext ctx) throws Refusal {
        if (!AccessGate.fromThisMachine(ctx) && !throttle.attempt(AccessGate.clientAddress(ctx))) {
            throw new Refusal(429, "too_many_attempts", null, "too many pairing codes asked from this address:"
                    + " wait a minute");
        }
        TerminalPairing.Started started = pairing.begin();
        return rest.object().put("pairingId", started.pairingId()).put("code", started.code())
                .put("expiresAt", started.expiresAt().toString());
    }

    private JsonNode poll(RoutingContext ctx) throws Refusal {
        return switch (pairing.poll(ctx.pathParam("id"))) {
            case TerminalPairing.Poll.Waiting waiting -> rest.object().put("status", "waiting");
            case TerminalPairing.Poll.Paired paired -> rest.object().put("status", "paired")
                    .put("classroomId", paired.classroomId()).put("deviceToken", paired.deviceToken());
            case TerminalPairing.Poll.Unknown unknown -> throw new Refusal(404, "pairing_not_found", "id",
                    "no pairing has this id, or it has expired: ask for a new code");
        };
    }

    private JsonNode confirm(RoutingContext ctx) throws Refusal {
        String id = ctx.pathParam("id");
        Classroom classroom = domain.schools().classroom(id).orElseThrow(() -> new Refusal(404,
                "classroom_not_found", "id", "no classroom has the id " + id));
        AccessGate.require(ctx, Action.ISSUE_DEVICE_TOKEN, Target.school(classroom.schoolId()));
        ObjectNode body = rest.body(ctx, Set.of("code"));
        String code = RestSupport.text(body, "code", 16, true).replace(" ", "");
        if (!pairing.confirm(code, id)) {
            throw new Refusal(404, "pairing_not_found", "code", "no terminal shows this code now (a code lasts"
                    + " 10 minutes): reload the terminal's page for a new one");
        }
        return rest.object().put("classroomId", id).put("paired", true);
    }
}
