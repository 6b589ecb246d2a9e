package org.sanke.signaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.Iterator;
import java.util.Set;

/** Reading JSON bodies field by field, and the one shape of REST errors (docs/api.md). */
final class RestSupport {
    /** A refused request: the status, the error code, the field at fault (or null) and why. */
    static final class Refusal extends Exception {
        final int status;
        final String code;
        final String field;
        /** Names (never ids) a page puts into its own sentence for this code, e.g. who clashes and when. */
        final java.util.Map<String, String> details;

        Refusal(int status, String code, String field, String message) {
            this(status, code, field, message, java.util.Map.of());
        }

        Refusal(int status, String code, String field, String message, java.util.Map<String, String> details) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
            this.field = field;
            this.details = details;
        }

        static Refusal invalid(String field, String message) {
            return new Refusal(400, "invalid_field", field, message);
        }
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** A fresh id: the prefix says what it names ("s" school, "c" classroom, "u" person, "t" timetable entry). */
    static String newId(String prefix) {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return prefix + java.util.HexFormat.of().formatHex(bytes);
    }

    /** A route's work: the JSON to answer with, or a refusal. */
    interface Work {
        JsonNode run(RoutingContext ctx) throws Refusal;
    }

    private final ObjectMapper json;

    RestSupport(ObjectMapper json) {
        this.json = json;
    }

    /** Runs a route's work and answers with {@code status} and its JSON, or with the refusal. */
    void handle(RoutingContext ctx, int status, Work work) {
        try {
            reply(ctx, status, work.run(ctx));
        } catch (Refusal refusal) {
            refuse(ctx, refusal);
        }
    }

    /** A password field: required, kept exactly as typed (never stripped), and never echoed in a message. */
    static String secret(JsonNode body, String field) throws Refusal {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new Refusal(400, "missing_field", field, field + " is required");
        }
        if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > 512) {
            throw Refusal.invalid(field, "must be a string of 1 to 512 characters");
        }
        return value.asText();
    }

    /** The body as a JSON object with only {@code allowed} fields. */
    ObjectNode body(RoutingContext ctx, Set<String> allowed) throws Refusal {
        JsonNode body;
        try {
            body = json.readTree(ctx.body().asString());
        } catch (JsonProcessingException | RuntimeException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new Refusal(400, "bad_json", null, "the body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw Refusal.invalid(name, "unknown field");
            }
        }
        return (ObjectNode) body;
    }

    static String text(JsonNode body, String field, int maxLength, boolean required) throws Refusal {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new Refusal(400, "missing_field", field, field + " is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > maxLength) {
            throw Refusal.invalid(field, "must be a string of 1 to " + maxLength + " characters");
        }
        return value.asText().strip();
    }

    void refuse(RoutingContext ctx, Refusal refusal) {
        ObjectNode node = json.createObjectNode();
        node.put("error", refusal.code);
        if (refusal.field != null) {
            node.put("field", refusal.field);
        }
        node.put("message", refusal.getMessage());
        if (!refusal.details.isEmpty()) {
            ObjectNode details = node.putObject("details");
            refusal.details.forEach(details::put);
        }
        reply(ctx, refusal.status, node);
    }

    static void reply(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }

    ObjectNode object() {
        return json.createObjectNode();
    }
}
