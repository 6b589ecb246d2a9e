/**
 * The media server's public face: what signaling and recording may call. Nothing here knows what a lesson is.
 *
 * <p>Threading: every object here belongs to one router, and a router belongs to one event loop for life. Methods
 * may be called from any thread; those that change state hop to the router's loop and return a future.
 * Listener callbacks run on the router's loop and must not block.
 */
package org.sanke.media.api;
