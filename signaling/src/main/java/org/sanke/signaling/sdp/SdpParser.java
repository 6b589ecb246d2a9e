package org.sanke.signaling.sdp;

import java.util.Arrays;
import java.util.List;

/** Reads the SDP that browsers send. Strict about structure, lenient about attributes it does not need. */
final class SdpParser {
    static final int MAX_LENGTH = 64 * 1024;
    static final int MAX_SECTIONS = 64;

    private SdpParser() {
    }

    static SessionDescription parse(String sdp) throws SdpException {
        if (sdp == null || sdp.isEmpty()) {
            throw SdpException.invalid(1, "the SDP is empty");
        }
        if (sdp.length() > MAX_LENGTH) {
            throw SdpException.invalid(1, "the SDP is longer than " + MAX_LENGTH + " characters");
        }
        String[] lines = sdp.split("\r?\n", -1);
        SessionDescription session = new SessionDescription();
        MediaSection current = null;
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i];
            if (line.isEmpty()) {
                if (i == lines.length - 1) {
                    break; // the final line break
                }
                throw SdpException.invalid(lineNumber, "empty line");
            }
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                throw SdpException.invalid(lineNumber, "expected <type>=<value>");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (i == 0) {
                if (!line.equals("v=0")) {
                    throw SdpException.invalid(lineNumber, "the SDP must begin with v=0");
                }
                continue;
            }
            switch (type) {
                case 'm' -> {
                    if (session.media.size() == MAX_SECTIONS) {
                        throw SdpException.invalid(lineNumber, "more than " + MAX_SECTIONS + " m= sections");
                    }
                    current = mediaLine(value, lineNumber);
                    session.media.add(current);
                }
                case 'a' -> {
                    if (current == null) {
                        session.sessionAttributes.add(value);
                    } else {
                        current.attributes.add(value);
                    }
                }
                default -> {
                    // o=, s=, t=, c=, b= ...: nothing the server needs from them
                }
            }
        }
        return session;
    }

    private static MediaSection mediaLine(String value, int lineNumber) throws SdpException {
        String[] fields = value.trim().split("\\s+");
        if (fields.length < 4) {
            throw SdpException.invalid(lineNumber, "m= line needs at least 4 fields");
        }
        String portField = fields[1];
        int slash = portField.indexOf('/');
        int port;
        try {
            port = Integer.parseInt(slash < 0 ? portField : portField.substring(0, slash));
        } catch (NumberFormatException e) {
            throw SdpException.invalid(lineNumber, "m= line has a bad port '" + portField + "'");
        }
        if (port < 0 || port > 65535) {
            throw SdpException.invalid(lineNumber, "m= line has a bad port '" + portField + "'");
        }
        List<String> formats = Arrays.asList(fields).subList(3, fields.length);
        if (fields[2].contains("RTP") || fields[0].equals("audio") || fields[0].equals("video")) {
            for (String format : formats) {
                if (!format.matches("\\d{1,3}") || Integer.parseInt(format) > 127) {
                    throw SdpException.invalid(lineNumber, "m= line has a bad payload type '" + format + "'");
                }
            }
        }
        return new MediaSection(fields[0], port, fields[2], formats);
    }
}
