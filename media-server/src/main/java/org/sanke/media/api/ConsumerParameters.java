package org.sanke.media.api;

/**
 * How one outgoing track is sent to a subscriber.
 *
 * @param mid     the m-line's mid in the subscribe offer
 * @param codec   the codec as announced to the subscriber (its payload types are the ones written into packets)
 * @param ssrc    the SSRC the consumer writes, chosen by the caller and announced in the offer
 * @param rtxSsrc the RTX SSRC, or 0 when the codec has no RTX
 * @param cname   the RTCP CNAME announced for it
 */
public record ConsumerParameters(String mid, RtpCodec codec, int ssrc, int rtxSsrc, String cname) {
}
