package org.sanke.signaling.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the JSON messages the server sends. */
public final class Outbound {
    private final ObjectMapper json;

    public Outbound(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode message(String type, Object requestId) {
        ObjectNode node = json.createObjectNode();
        node.put("type", type);
        if (requestId instanceof Long id) {
            node.put("requestId", id);
        } else if (requestId instanceof String id) {
            node.put("requestId", id);
        }
        return node;
    }

    public ObjectNode error(Object requestId, String code, String message) {
        ObjectNode node = message("error", requestId);
        node.put("code", code);
        node.put("message", message);
        return node;
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }
}
