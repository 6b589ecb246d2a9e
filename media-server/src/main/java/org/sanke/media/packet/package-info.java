/**
 * Parsing and writing of what crosses the media port: STUN (RFC 8489), RTP (RFC 3550, header extensions RFC 8285),
 * RTCP (RFC 3550, feedback RFC 4585, transport-cc). Packet-path classes are static helpers on
 * {@code (byte[] buf, int off, int len)} or reusable views; they allocate nothing and never throw on bad input.
 */
package org.sanke.media.packet;
