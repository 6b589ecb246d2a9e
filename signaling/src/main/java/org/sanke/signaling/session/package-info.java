/**
 * Live lessons as the signaling layer runs them: one {@link org.sanke.signaling.session.ClientSession} per WebSocket,
 * one {@link org.sanke.signaling.session.LessonRoom} per running lesson, which turns the domain's decisions (who is
 * in, who receives whom) into media-server calls (transports, producers, consumers) and SDP renegotiation.
 */
package org.sanke.signaling.session;
