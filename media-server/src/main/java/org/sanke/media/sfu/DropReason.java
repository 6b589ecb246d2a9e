package org.sanke.media.sfu;

/** Why a datagram or packet was dropped; each is a label of the drops metric. */
enum DropReason {
    UNKNOWN_ADDRESS("unknown_address"),
    NOT_CLASSIFIED("not_classified"),
    STUN_MALFORMED("stun_malformed"),
    STUN_UNAUTHORIZED("stun_unauthorized"),
    STUN_UNKNOWN_USER("stun_unknown_user"),
    NOT_CONNECTED("not_connected"),
    SRTP_FAILED("srtp_failed"),
    RTP_MALFORMED("rtp_malformed"),
    RTCP_MALFORMED("rtcp_malformed"),
    UNKNOWN_SSRC("unknown_ssrc"),
    OVERSIZED("oversized"),
    HANDOFF_QUEUE_FULL("handoff_queue_full"),
    /** A producer held by moderation (locked, muted, cut off): by design, not a fault. */
    HELD("held");

    final String label;

    DropReason(String label) {
        this.label = label;
    }

    static final DropReason[] ALL = values();
}
