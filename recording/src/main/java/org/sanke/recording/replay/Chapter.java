package org.sanke.recording.replay;

/**
 * A mark in a replay: a screen share started, or a classroom came on stage.
 *
 * @param kind          {@code screen_share} or {@code on_stage}
 * @param participantId whose (the lesson's opaque id)
 */
public record Chapter(long offsetMillis, String kind, String participantId) {
}
