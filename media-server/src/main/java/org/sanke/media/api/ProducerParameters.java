package org.sanke.media.api;

import java.util.List;

/**
 * What the publisher's offer said about one incoming track.
 *
 * @param mid        the m-line's mid
 * @param kind       audio or video
 * @param codec      the codec the answer accepted
 * @param ssrc       the media SSRC from a=ssrc, or 0 when the track is only known by its rids
 * @param rtxSsrc    the RTX SSRC from a=ssrc-group:FID, or 0
 * @param rids       simulcast rids in the publisher's order (lowest first as offered), empty without simulcast
 * @param extensions the header extension ids the publisher uses
 * @param label      a free label for logs and metrics, e.g. the msid; never a person's name
 */
public record ProducerParameters(String mid, MediaKind kind, RtpCodec codec, int ssrc, int rtxSsrc,
                                 List<String> rids, RtpHeaderExtensionIds extensions, String label) {
    public ProducerParameters {
        rids = List.copyOf(rids);
    }
}
