/**
 * DTLS-SRTP (RFC 5764) as the server side of every transport, through BouncyCastle's DTLS 1.2: the certificate whose
 * fingerprint goes into SDP, the handshake (off the event loop), and the SRTP keys it exports.
 */
package org.sanke.media.dtls;
