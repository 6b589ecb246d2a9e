/**
 * Graded measures against a violating account or classroom (S16): a warning, limited functions, a suspension, and the
 * blacklist that keeps a person or a classroom's device out of every lesson until lifted.
 */
package org.sanke.classroom.sanction;
