package org.sanke.signaling.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sanke.classroom.access.JoinGrants;

/** Turns a text frame into a checked {@link Inbound}, or a {@link ProtocolError} naming what is wrong. Thread-safe. */
public final class InboundReader {
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_CHAT_LENGTH = 500;
    private static final int MAX_REQUEST_ID_LENGTH = 64;

    private final ObjectMapper json;

    public InboundReader(ObjectMapper json) {
        this.json = json;
    }

    /** The request id of a frame that failed to read, if one can be found, so the error can carry it. */
    public Object requestIdOf(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node != null && node.isObject() ? requestId(node) : null;
        } catch (JsonProcessingException | ProtocolError e) {
            return null;
        }
    }

    public Inbound read(String text) throws ProtocolError {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProtocolError("bad_json", "the frame is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ProtocolError("bad_json", "the frame must be a JSON object");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            throw new ProtocolError("unknown_type", "the message has no string field 'type'");
        }
        Object requestId = requestId(node);
        return switch (type.asText()) {
            case "join" -> new Inbound.Join(requestId, text(node, "lessonId", 64), text(node, "role", 16),
                    name(node), node.has("classroomId") ? text(node, "classroomId", 64) : null,
                    node.has("deviceToken") ? text(node, "deviceToken", 128) : null,
                    node.has("rejoinToken") ? text(node, "rejoinToken", 64) : null,
                    node.has("grant") ? text(node, "grant", JoinGrants.MAX_TOKEN_LENGTH) : null);
            case "publish" -> new Inbound.Publish(requestId, text(node, "sdp", Integer.MAX_VALUE),
                    node.has("screenMid") ? text(node, "screenMid", 32) : null);
            case "subscribeAnswer" -> new Inbound.SubscribeAnswer(requestId, version(node),
                    text(node, "sdp", Integer.MAX_VALUE));
            case "leave" -> new Inbound.Leave(requestId);
            case "endLesson" -> new Inbound.EndLesson(requestId);
            case "ping" -> new Inbound.Ping(requestId);
            case "raiseHand" -> new Inbound.RaiseHand(requestId);
            case "lowerHand" -> new Inbound.LowerHand(requestId);
            case "stage" -> new Inbound.Stage(requestId, text(node, "participantId", 64), bool(node, "on"));
            case "chat" -> new Inbound.Chat(requestId, chatText(node));
            case "ask" -> new Inbound.Ask(requestId, chatText(node));
            case "markAnswered" -> new Inbound.MarkAnswered(requestId, text(node, "questionId", 16));
            case "muteRequest" -> new Inbound.MuteRequest(requestId, text(node, "participantId", 64));
            case "problem" -> new Inbound.Problem(requestId, chatText(node));
            case "lock" -> new Inbound.Lock(requestId, text(node, "feature", 16), bool(node, "on"));
            case "moderate" -> new Inbound.Moderate(requestId, text(node, "participantId", 64),
                    text(node, "action", 16));
            case "pause" -> new Inbound.Pause(requestId, bool(node, "on"));
            case "report" -> new Inbound.Report(requestId, text(node, "kind", 16), text(node, "participantId", 64),
                    chatText(node, "reason"), node.hasNonNull("text") ? chatText(node, "text") : null, frame(node));
            case "waitingRoom" -> new Inbound.WaitingRoomSwitch(requestId, bool(node, "on"));
            case "admit" -> new Inbound.Admit(requestId, text(node, "waitingId", 16), true);
            case "deny" -> new Inbound.Admit(requestId, text(node, "waitingId", 16), false);
            case "interaction" -> new Inbound.Interaction(requestId, bool(node, "on"));
            case "cutOff" -> new Inbound.CutOff(requestId, node.hasNonNull("participantId")
                    ? text(node, "participantId", 64) : null, bool(node, "on"),
                    node.hasNonNull("reason") ? chatText(node, "reason") : null);
            case "quality" -> new Inbound.Quality(requestId, number(node, "lossPercent", 0, 100),
                    (int) number(node, "freezeMs", 0, 3_600_000), (int) number(node, "kbps", 0, 1_000_000));
            default -> throw new ProtocolError("unknown_type", "unknown message type '" + abbreviate(type.asText())
                    + "'");
        };
    }

    private static Object requestId(JsonNode node) throws ProtocolError {
        JsonNode id = node.get("requestId");
        if (id == null || id.isNull()) {
            return null;
        }
        if (id.isIntegralNumber() && id.canConvertToLong()) {
            return id.asLong();
        }
        if (id.isTextual() && id.asText().length() <= MAX_REQUEST_ID_LENGTH) {
            return id.asText();
        }
        throw new ProtocolError("invalid_field", "requestId must be an integer or a string of at most "
                + MAX_REQUEST_ID_LENGTH + " characters");
    }

    private static String text(JsonNode node, String field, int maxLength) throws ProtocolError {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ProtocolError("missing_field", "'" + field + "' is required");
        }
        if (!value.isTextual()) {
            throw new ProtocolError("invalid_field", "'" + field + "' must be a string");
        }
        if (value.asText().isEmpty() || value.asText().length() > maxLength) {
            throw new ProtocolError("invalid_field", "'" + field + "' must have 1 to " + maxLength + " characters");
        }
        return value.asText();
    }

    private static String name(JsonNode node) throws ProtocolError {
        String name = text(node, "name", MAX_NAME_LENGTH).strip();
        if (name.isEmpty() || name.chars().anyMatch(Character::isISOControl)) {
            throw new ProtocolError("invalid_field", "'name' must be visible text without control characters");
        }
        return name;
    }

    private static double number(JsonNode node, String field, double min, double max) throws ProtocolError {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ProtocolError("missing_field", "'" + field + "' is required");
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            throw new ProtocolError("invalid_field", "'" + field + "' must be a number from " + (long) min + " to "
                    + (long) max);
        }
        return value.asDouble();
    }

    private static boolean bool(JsonNode node, String field) throws ProtocolError {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ProtocolError("missing_field", "'" + field + "' is required");
        }
        if (!value.isBoolean()) {
            throw new ProtocolError("invalid_field", "'" + field + "' must be true or false");
        }
        return value.asBoolean();
    }

    private static String chatText(JsonNode node) throws ProtocolError {
        return chatText(node, "text");
    }

    private static String chatText(JsonNode node, String field) throws ProtocolError {
        String text = text(node, field, MAX_CHAT_LENGTH).strip();
        if (text.isEmpty() || text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new ProtocolError("invalid_field", "'" + field + "' must be visible text (line breaks allowed)");
        }
        return text;
    }

    /** A report's still frame is a reduced JPEG (the reporter's page scales it down). */
    private static final int MAX_FRAME_BYTES = 48 * 1024;

    /** A report's still frame: a JPEG data URL of at most 48 KiB, or none. */
    private static byte[] frame(JsonNode node) throws ProtocolError {
        if (!node.hasNonNull("frame")) {
            return null;
        }
        String prefix = "data:image/jpeg;base64,";
        String url = text(node, "frame", 70_000);
        if (!url.startsWith(prefix)) {
            throw new ProtocolError("invalid_field", "'frame' must be a JPEG data URL");
        }
        byte[] jpeg;
        try {
            jpeg = java.util.Base64.getDecoder().decode(url.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            throw new ProtocolError("invalid_field", "'frame' is not base64");
        }
        if (jpeg.length > MAX_FRAME_BYTES || jpeg.length < 4
                || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
            throw new ProtocolError("invalid_field", "'frame' must be a JPEG of at most "
                    + MAX_FRAME_BYTES / 1024 + " KiB");
        }
        return jpeg;
    }

    private static long version(JsonNode node) throws ProtocolError {
        JsonNode value = node.get("version");
        if (value == null || value.isNull()) {
            throw new ProtocolError("missing_field", "'version' is required");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ProtocolError("invalid_field", "'version' must be an integer");
        }
        return value.asLong();
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "…";
    }
}
