package org.sanke.media.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * jitsi-srtp's view of our packet: a window on a caller's array that may grow into the room the caller left after
 * it (for the tag). Reused for every packet of one session.
 */
final class PacketBuffer implements ByteArrayBuffer {
    private byte[] buf;
    private int off;
    private int len;

    PacketBuffer wrap(byte[] buffer, int offset, int length) {
        this.buf = buffer;
        this.off = offset;
        this.len = length;
        return this;
    }

    @Override
    public byte[] getBuffer() {
        return buf;
    }

    @Override
    public int getOffset() {
        return off;
    }

    @Override
    public int getLength() {
        return len;
    }

    @Override
    public void setLength(int length) {
        this.len = length;
    }

    @Override
    public void setOffset(int offset) {
        this.off = offset;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int regionOff, int regionLen, byte[] out) {
        System.arraycopy(buf, off + regionOff, out, 0, regionLen);
    }

    @Override
    public void grow(int howMuch) {
        if (off + len + howMuch > buf.length) {
            throw new IllegalStateException("no room for " + howMuch + " more bytes");
        }
    }

    @Override
    public void append(byte[] data, int length) {
        grow(length);
        System.arraycopy(data, 0, buf, off + len, length);
        len += length;
    }

    @Override
    public void shrink(int howMuch) {
        len = Math.max(0, len - howMuch);
    }
}
