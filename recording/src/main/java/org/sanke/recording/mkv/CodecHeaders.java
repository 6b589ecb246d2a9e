package org.sanke.recording.mkv;

import java.io.ByteArrayOutputStream;

/** What a Matroska track header needs to know from the bitstream: picture sizes and codec private data. */
public final class CodecHeaders {
    private CodecHeaders() {
    }

    /** Width and height of a picture. */
    public record Size(int width, int height) {
    }

    /** The size in a VP8 keyframe's header (RFC 6386 §9.1), or null when {@code frame} is no keyframe. */
    public static Size vp8Size(byte[] frame, int offset, int length) {
        if (length < 10 || (frame[offset] & 0x01) != 0 || (frame[offset + 3] & 0xFF) != 0x9D
                || (frame[offset + 4] & 0xFF) != 0x01 || (frame[offset + 5] & 0xFF) != 0x2A) {
            return null;
        }
        int width = ((frame[offset + 6] & 0xFF) | (frame[offset + 7] & 0xFF) << 8) & 0x3FFF;
        int height = ((frame[offset + 8] & 0xFF) | (frame[offset + 9] & 0xFF) << 8) & 0x3FFF;
        return new Size(width, height);
    }

    /** The cropped picture size a sequence parameter set (NAL header included) describes (ITU-T H.264 §7.3.2.1.1). */
    public static Size h264Size(byte[] sps) {
        BitReader r = new BitReader(unescape(sps));
        r.bits(8); // NAL header
        int profile = r.bits(8);
        r.bits(16); // constraint flags, level
        r.ue(); // seq_parameter_set_id
        int chromaFormat = 1;
        boolean separateColourPlanes = false;
        if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83
                || profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139
                || profile == 134 || profile == 135) {
            chromaFormat = r.ue();
            if (chromaFormat == 3) {
                separateColourPlanes = r.bits(1) == 1;
            }
            r.ue(); // bit depths
            r.ue();
            r.bits(1); // qpprime_y_zero_transform_bypass
            if (r.bits(1) == 1) { // scaling matrices
                for (int i = 0; i < (chromaFormat != 3 ? 8 : 12); i++) {
                    if (r.bits(1) == 1) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.ue(); // log2_max_frame_num_minus4
        int pocType = r.ue();
        if (pocType == 0) {
            r.ue();
        } else if (pocType == 1) {
            r.bits(1);
            r.se();
            r.se();
            int cycle = r.ue();
            for (int i = 0; i < cycle; i++) {
                r.se();
            }
        }
        r.ue(); // max_num_ref_frames
        r.bits(1); // gaps_in_frame_num_value_allowed
        int widthInMbs = r.ue() + 1;
        int heightInMapUnits = r.ue() + 1;
        int frameMbsOnly = r.bits(1);
        if (frameMbsOnly == 0) {
            r.bits(1); // mb_adaptive_frame_field
        }
        r.bits(1); // direct_8x8_inference
        int cropLeft = 0;
        int cropRight = 0;
        int cropTop = 0;
        int cropBottom = 0;
        if (r.bits(1) == 1) {
            cropLeft = r.ue();
            cropRight = r.ue();
            cropTop = r.ue();
            cropBottom = r.ue();
        }
        boolean monochrome = chromaFormat == 0 || separateColourPlanes;
        int cropUnitX = monochrome || chromaFormat == 3 ? 1 : 2;
        int cropUnitY = (monochrome || chromaFormat != 1 ? 1 : 2) * (2 - frameMbsOnly);
        int width = widthInMbs * 16 - cropUnitX * (cropLeft + cropRight);
        int height = (2 - frameMbsOnly) * heightInMapUnits * 16 - cropUnitY * (cropTop + cropBottom);
        return new Size(width, height);
    }

    /** AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3.1), Matroska's CodecPrivate for V_MPEG4/ISO/AVC. */
    public static byte[] avcDecoderConfiguration(byte[] sps, byte[] pps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1); // configurationVersion
        out.write(sps[1]); // profile, compatibility, level as in the SPS
        out.write(sps[2]);
        out.write(sps[3]);
        out.write(0xFF); // 4-byte NAL unit lengths
        out.write(0xE1); // one SPS
        out.write(sps.length >>> 8);
        out.write(sps.length);
        out.write(sps, 0, sps.length);
        out.write(1); // one PPS
        out.write(pps.length >>> 8);
        out.write(pps.length);
        out.write(pps, 0, pps.length);
        return out.toByteArray();
    }

    /**
     * The Opus identification header (RFC 7845 §5.1), A_OPUS's CodecPrivate: two channels as WebRTC negotiates,
     * 48 kHz, no pre-skip (the stream is joined mid-way, there is no encoder start-up to skip).
     */
    public static byte[] opusHead(int channels) {
        byte[] head = {'O', 'p', 'u', 's', 'H', 'e', 'a', 'd', 1, (byte) channels, 0, 0,
                (byte) 0x80, (byte) 0xBB, 0, 0, 0, 0, 0};
        return head;
    }

    private static void skipScalingList(BitReader r, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size && next != 0; j++) {
            next = (last + r.se() + 256) % 256;
            last = next == 0 ? last : next;
        }
    }

    /** Removes emulation prevention bytes (00 00 03 → 00 00). */
    private static byte[] unescape(byte[] nal) {
        byte[] out = new byte[nal.length];
        int n = 0;
        int zeros = 0;
        for (byte b : nal) {
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            out[n++] = b;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Reads bits and Exp-Golomb codes; past the end it reads zeros, the SPS is then nonsense but nothing throws. */
    private static final class BitReader {
        private final byte[] data;
        private int bit;

        BitReader(byte[] data) {
            this.data = data;
        }

        int bits(int count) {
            int value = 0;
            for (int i = 0; i < count; i++) {
                int index = bit >>> 3;
                int b = index < data.length ? (data[index] >>> (7 - (bit & 7))) & 1 : 0;
                value = (value << 1) | b;
                bit++;
            }
            return value;
        }

        int ue() {
            int zeros = 0;
            while (bits(1) == 0 && zeros < 31) {
                zeros++;
            }
            return (1 << zeros) - 1 + bits(zeros);
        }

        int se() {
            int code = ue();
            return (code & 1) == 1 ? (code + 1) / 2 : -(code / 2);
        }
    }
}
