/**
 * From a lesson's finished recording to a replay waiting for review (issue 15): the composing jobs, and the REST API
 * of review and playback.
 */
package org.sanke.signaling.replay;
