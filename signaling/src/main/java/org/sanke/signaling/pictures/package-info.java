/**
 * The moderation hook (S15): a still picture of a live stream, with its lesson's context, goes to a pluggable checker
 * whose verdict flags the stream for staff or cuts it off. The default checker is an HTTP webhook (docs/moderation.md).
 */
package org.sanke.signaling.pictures;
