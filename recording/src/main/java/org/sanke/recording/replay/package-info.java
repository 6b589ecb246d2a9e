/**
 * Composing a lesson's recorded tracks into a replay browsers play: aligned by each file's start time, the teacher
 * (or the screen share, with the teacher inset while sharing) as the picture, on-stage classrooms inset, every voice
 * mixed; MP4 with faststart, HLS, a poster and chapter marks. ffmpeg does the media work.
 */
package org.sanke.recording.replay;
