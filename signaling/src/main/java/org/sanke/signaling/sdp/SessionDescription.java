package org.sanke.signaling.sdp;

import java.util.ArrayList;
import java.util.List;

/** A parsed SDP (RFC 8866): the session-level attributes and the media sections. */
final class SessionDescription {
    final List<String> sessionAttributes = new ArrayList<>();
    final List<MediaSection> media = new ArrayList<>();

    /** A session-level attribute's value, or null. */
    String sessionAttribute(String name) {
        for (String line : sessionAttributes) {
            String value = MediaSection.valueOf(line, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Media level first, then session level (ICE and DTLS attributes may be at either). */
    String attribute(MediaSection section, String name) {
        String value = section.attribute(name);
        return value != null ? value : sessionAttribute(name);
    }

    List<String> bundleGroup() {
        for (String line : sessionAttributes) {
            String group = MediaSection.valueOf(line, "group");
            if (group != null && group.startsWith("BUNDLE")) {
                String rest = group.substring("BUNDLE".length()).trim();
                return rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
            }
        }
        return null;
    }
}
