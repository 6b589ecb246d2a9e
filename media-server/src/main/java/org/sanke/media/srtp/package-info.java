/** SRTP and SRTCP (RFC 3711, RFC 7714) of one transport, through jitsi-srtp. */
package org.sanke.media.srtp;
