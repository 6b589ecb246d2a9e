/**
 * The classroom domain: lessons, the roles people and rooms play in them, who may join, and who sees whom. No
 * sockets, no RTP: signaling asks this package and translates its answers into media.
 */
package org.sanke.classroom;
