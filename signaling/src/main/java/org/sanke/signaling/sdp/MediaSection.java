package org.sanke.signaling.sdp;

import java.util.ArrayList;
import java.util.List;

/** One m= section of a parsed SDP: its m= line and its attribute lines, in order. */
final class MediaSection {
    final String kind;
    final int port;
    final String protocol;
    final List<String> formats;
    /** Attribute lines without the "a=" prefix, e.g. "rtpmap:111 opus/48000/2". */
    final List<String> attributes = new ArrayList<>();

    MediaSection(String kind, int port, String protocol, List<String> formats) {
        this.kind = kind;
        this.port = port;
        this.protocol = protocol;
        this.formats = List.copyOf(formats);
    }

    /** The value of the first attribute {@code name} ("mid" for "a=mid:0"), "" for a flag, or null. */
    String attribute(String name) {
        for (String line : attributes) {
            String value = valueOf(line, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    List<String> attributes(String name) {
        List<String> values = new ArrayList<>();
        for (String line : attributes) {
            String value = valueOf(line, name);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    boolean has(String name) {
        return attribute(name) != null;
    }

    String mid() {
        return attribute("mid");
    }

    /** sendrecv, sendonly, recvonly or inactive; sendrecv when absent (RFC 8866 §6.7). */
    String direction() {
        for (String d : List.of("sendrecv", "sendonly", "recvonly", "inactive")) {
            if (has(d)) {
                return d;
            }
        }
        return "sendrecv";
    }

    static String valueOf(String line, String name) {
        if (line.equals(name)) {
            return "";
        }
        if (line.length() > name.length() && line.startsWith(name) && line.charAt(name.length()) == ':') {
            return line.substring(name.length() + 1);
        }
        return null;
    }
}
