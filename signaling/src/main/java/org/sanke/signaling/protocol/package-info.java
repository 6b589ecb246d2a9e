/** The WebSocket protocol of docs/protocol.md: reading and checking what clients send, writing what they receive. */
package org.sanke.signaling.protocol;
