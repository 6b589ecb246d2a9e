/**
 * Who may do what: accounts and their passwords, login sessions, second factors, the authorisation table, and the
 * signed grants that let a person or a classroom device into one lesson in one role. Plain domain code: it knows
 * people, schools and lessons, never sockets or HTTP.
 */
package org.sanke.classroom.access;
