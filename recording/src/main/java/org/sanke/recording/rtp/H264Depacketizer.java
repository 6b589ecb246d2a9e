package org.sanke.recording.rtp;

import java.util.Arrays;

/**
 * H.264 (RFC 6184, packetization modes 0 and 1): single NAL unit packets, STAP-A and FU-A. One access unit is every
 * NAL unit of one timestamp, up to the packet with the marker bit; it is a keyframe when it holds an IDR slice. The
 * latest SPS and PPS are kept and put in front of a keyframe that comes without them, so that every keyframe can
 * start decoding. Output is Annex B (start codes) or 4-byte length prefixes (Matroska's and MP4's form).
 */
public final class H264Depacketizer extends Depacketizer {
    /** How NAL units are delimited in the frames handed out. */
    public enum Output { ANNEX_B, LENGTH_PREFIXED }

    private static final int STAP_A = 24;
    private static final int FU_A = 28;
    private static final int IDR = 5;
    private static final int SPS = 7;
    private static final int PPS = 8;

    private final Output output;
    private final FrameBuffer unit = new FrameBuffer(MAX_FRAME);
    private final FrameBuffer withParameters = new FrameBuffer(MAX_FRAME);
    private boolean assembling;
    private long unitTimestamp;
    private boolean hasSlice;
    private boolean hasIdr;
    private boolean hasSps;
    private boolean hasPps;
    private int fragmentStart = -1; // where the FU-A NAL unit being joined begins in {@link #unit}
    private byte[] sps;
    private byte[] pps;

    public H264Depacketizer(Output output) {
        super(true);
        this.output = output;
    }

    /** The latest sequence parameter set (NAL header included), or null before one came. */
    public byte[] sps() {
        return sps;
    }

    /** The latest picture parameter set (NAL header included), or null before one came. */
    public byte[] pps() {
        return pps;
    }

    @Override
    protected void packet(RtpView rtp, long timestamp, FrameSink sink) {
        if (assembling && timestamp != unitTimestamp) {
            finish(sink); // no hole in the sequence: the previous unit is whole, its marker bit was missing
        }
        if (!assembling) {
            assembling = true;
            unitTimestamp = timestamp;
            unit.clear();
            hasSlice = hasIdr = hasSps = hasPps = false;
            fragmentStart = -1;
        }
        byte[] d = rtp.data();
        int p = rtp.payloadOffset();
        int end = p + rtp.payloadLength();
        int type = d[p] & 0x1F;
        boolean ok;
        if (type >= 1 && type <= 23) {
            ok = fragmentStart < 0 && nal(d, p, end - p);
        } else if (type == STAP_A) {
            ok = fragmentStart < 0 && aggregate(d, p + 1, end);
        } else if (type == FU_A) {
            ok = fragment(d, p, end);
        } else {
            ok = false; // STAP-B, MTAP and FU-B belong to interleaved mode, which WebRTC does not use
        }
        if (!ok) {
            discardPartial();
            lost();
            return;
        }
        if (rtp.marker()) {
            finish(sink);
        }
    }

    private boolean aggregate(byte[] d, int i, int end) {
        while (i < end) {
            if (i + 2 > end) {
                return false;
            }
            int size = ((d[i] & 0xFF) << 8) | (d[i + 1] & 0xFF);
            i += 2;
            if (size == 0 || i + size > end || !nal(d, i, size)) {
                return false;
            }
            i += size;
        }
        return true;
    }

    private boolean fragment(byte[] d, int p, int end) {
        if (end - p < 3) {
            return false;
        }
        int header = d[p + 1] & 0xFF;
        boolean start = (header & 0x80) != 0;
        boolean last = (header & 0x40) != 0;
        if (start) {
            if (fragmentStart >= 0) {
                return false;
            }
            fragmentStart = unit.length();
            int nalHeader = (d[p] & 0xE0) | (header & 0x1F);
            if (!delimiter() || !unit.appendByte(nalHeader)) {
                return false;
            }
        } else if (fragmentStart < 0) {
            return false; // its start was lost
        }
        if (!unit.append(d, p + 2, end - p - 2)) {
            return false;
        }
        if (last) {
            int nalStart = fragmentStart + 4;
            if (output == Output.LENGTH_PREFIXED) {
                unit.putInt(fragmentStart, unit.length() - nalStart);
            }
            fragmentStart = -1;
            noteType(unit.bytes(), nalStart, unit.length() - nalStart);
        }
        return true;
    }

    private boolean nal(byte[] d, int offset, int length) {
        if (output == Output.LENGTH_PREFIXED ? !unit.appendInt(length) : !delimiter()) {
            return false;
        }
        if (!unit.append(d, offset, length)) {
            return false;
        }
        noteType(d, offset, length);
        return true;
    }

    /** Annex B start code, or room for the length, patched once an FU-A unit is whole. */
    private boolean delimiter() {
        return output == Output.ANNEX_B ? unit.appendInt(1) : unit.appendInt(0);
    }

    private void noteType(byte[] d, int offset, int length) {
        int type = d[offset] & 0x1F;
        if (type >= 1 && type <= IDR) {
            hasSlice = true;
            hasIdr |= type == IDR;
        } else if (type == SPS) {
            hasSps = true;
            sps = Arrays.copyOfRange(d, offset, offset + length);
        } else if (type == PPS) {
            hasPps = true;
            pps = Arrays.copyOfRange(d, offset, offset + length);
        }
    }

    private void finish(FrameSink sink) {
        assembling = false;
        if (fragmentStart >= 0) {
            dropped(); // the unit's last fragment never came
            lost();
            return;
        }
        if (!hasSlice) {
            return; // parameter sets alone (kept above), SEI, or an access unit delimiter: no picture
        }
        if (waitingForKeyframe() && !hasIdr) {
            dropped();
            return;
        }
        byte[] frame = unit.bytes();
        int length = unit.length();
        if (hasIdr && (!hasSps || !hasPps)) {
            if (sps == null || pps == null) {
                dropped(); // a keyframe nobody can decode: keep waiting
                return;
            }
            withParameters.clear();
            if (!parameterSet(sps) || !parameterSet(pps) || !withParameters.append(frame, 0, length)) {
                dropped();
                return;
            }
            frame = withParameters.bytes();
            length = withParameters.length();
        }
        if (hasIdr) {
            keyframeSeen();
        }
        emitted();
        sink.frame(frame, 0, length, unitTimestamp, hasIdr);
    }

    private boolean parameterSet(byte[] set) {
        return withParameters.appendInt(output == Output.ANNEX_B ? 1 : set.length)
                && withParameters.append(set, 0, set.length);
    }

    @Override
    protected void discardPartial() {
        if (assembling) {
            assembling = false;
            if (hasSlice || fragmentStart >= 0) {
                dropped();
            }
        }
    }
}
