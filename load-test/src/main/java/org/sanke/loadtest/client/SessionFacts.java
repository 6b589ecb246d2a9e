package org.sanke.loadtest.client;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What a simulated client needs from the server's SDP: ICE credentials, fingerprint, the candidate to send to, and
 * the m-sections (kind, port, mid, formats) to answer. A deliberately small reader: the server's own SDP is regular.
 */
public record SessionFacts(String iceUfrag, String icePwd, String fingerprint, InetSocketAddress candidate,
                           List<Section> sections) {
    public record Section(String kind, int port, String mid, String formats, List<String> rtpmaps) {
    }

    public static SessionFacts parse(String sdp) {
        String ufrag = null;
        String pwd = null;
        String fingerprint = null;
        InetSocketAddress candidate = null;
        List<Section> sections = new ArrayList<>();
        String kind = null;
        int port = 0;
        String formats = null;
        String mid = null;
        List<String> rtpmaps = new ArrayList<>();
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (kind != null) {
                    sections.add(new Section(kind, port, mid, formats, rtpmaps));
                }
                String[] f = line.substring(2).split(" ", 4);
                kind = f[0];
                port = Integer.parseInt(f[1]);
                formats = f.length > 3 ? f[3] : "";
                mid = null;
                rtpmaps = new ArrayList<>();
            } else if (line.startsWith("a=ice-ufrag:") && ufrag == null) {
                ufrag = line.substring(12);
            } else if (line.startsWith("a=ice-pwd:") && pwd == null) {
                pwd = line.substring(10);
            } else if (line.startsWith("a=fingerprint:sha-256 ") && fingerprint == null) {
                fingerprint = line.substring(22).trim();
            } else if (line.startsWith("a=mid:")) {
                mid = line.substring(6);
            } else if (line.startsWith("a=rtpmap:")) {
                rtpmaps.add(line.substring(2));
            } else if (line.startsWith("a=candidate:")) {
                String[] f = line.substring(12).split(" ");
                boolean udp = f.length > 5 && f[2].equalsIgnoreCase("udp");
                boolean loopback = udp && f[4].startsWith("127.");
                // Prefer loopback: media in the benchmark stays on 127.0.0.1.
                if (udp && !f[4].contains(":") && (candidate == null || loopback)) {
                    candidate = new InetSocketAddress(f[4], Integer.parseInt(f[5]));
                }
            }
        }
        if (kind != null) {
            sections.add(new Section(kind, port, mid, formats, rtpmaps));
        }
        if (ufrag == null || pwd == null || fingerprint == null || candidate == null) {
            throw new IllegalArgumentException("the server's SDP lacks ICE credentials, fingerprint or a candidate");
        }
        return new SessionFacts(ufrag, pwd, fingerprint, candidate, sections);
    }
}
