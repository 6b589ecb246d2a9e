package org.sanke.recording.rtp;

/**
 * VP8 (RFC 7741): strips the payload descriptor and joins the partitions of a frame, which starts at a packet with
 * S=1 and PID=0 and ends at the packet with the marker bit. A frame is a keyframe when bit 0 of its first byte
 * (the P bit of the VP8 frame tag, RFC 6386 §9.1) is 0.
 */
public final class Vp8Depacketizer extends Depacketizer {
    private final FrameBuffer frame = new FrameBuffer(MAX_FRAME);
    private boolean assembling;
    private boolean keyframe;
    private long frameTimestamp;
    private long droppedTimestamp = -1;

    public Vp8Depacketizer() {
        super(true);
    }

    @Override
    protected void packet(RtpView rtp, long timestamp, FrameSink sink) {
        byte[] d = rtp.data();
        int i = rtp.payloadOffset();
        int end = i + rtp.payloadLength();
        int first = d[i++] & 0xFF;
        if ((first & 0x80) != 0) { // X: the extension byte and the fields it announces
            if (i >= end) {
                malformed();
                return;
            }
            int extension = d[i++] & 0xFF;
            if ((extension & 0x80) != 0) { // I: PictureID, 7 or 15 bits (M)
                i += i < end && (d[i] & 0x80) != 0 ? 2 : 1;
            }
            if ((extension & 0x40) != 0) { // L: TL0PICIDX
                i++;
            }
            if ((extension & 0x30) != 0) { // T or K: TID/Y/KEYIDX
                i++;
            }
        }
        if (i >= end) {
            malformed();
            return;
        }
        boolean startOfFrame = (first & 0x10) != 0 && (first & 0x07) == 0;
        if (assembling && (startOfFrame || timestamp != frameTimestamp)) {
            // the sequence has no hole, so the previous frame is whole: only its marker bit was missing
            finish(sink);
        }
        if (startOfFrame) {
            keyframe = (d[i] & 0x01) == 0;
            if (waitingForKeyframe() && !keyframe) {
                dropped();
                droppedTimestamp = timestamp;
                return;
            }
            assembling = true;
            frameTimestamp = timestamp;
            frame.clear();
        } else if (!assembling) {
            if (timestamp != droppedTimestamp) { // a frame whose start never came: dropped, counted once
                dropped();
                droppedTimestamp = timestamp;
            }
            return;
        }
        if (!frame.append(d, i, end - i)) {
            discardPartial();
            lost();
            return;
        }
        if (rtp.marker()) {
            finish(sink);
        }
    }

    private void finish(FrameSink sink) {
        assembling = false;
        if (keyframe) {
            keyframeSeen();
        }
        emitted();
        sink.frame(frame.bytes(), 0, frame.length(), frameTimestamp, keyframe);
    }

    private void malformed() {
        discardPartial();
        lost();
    }

    @Override
    protected void discardPartial() {
        if (assembling) {
            assembling = false;
            dropped();
            droppedTimestamp = frameTimestamp;
        }
    }
}
