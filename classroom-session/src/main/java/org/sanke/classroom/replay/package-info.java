/**
 * Lesson replays from recording to review and publication (S18–S21): the state machine ({@link
 * org.sanke.classroom.replay.ReplayState}: nothing published unreviewed, every change reviewed again, a report hides
 * it until reviewed), who may watch ({@link org.sanke.classroom.replay.ReplayAudience}), and what the retention
 * deletes ({@link org.sanke.classroom.replay.ReplayRetention}: a plan; the files are the caller's). No files, no
 * ffmpeg, no HTTP: the caller composes, serves and deletes.
 */
package org.sanke.classroom.replay;
