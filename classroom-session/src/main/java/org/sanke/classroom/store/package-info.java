/**
 * Persistence of the domain: Flyway migrations (src/main/resources/db/migration) and plain JDBC repositories that
 * run the same on H2 (the embedded default) and PostgreSQL (production).
 */
package org.sanke.classroom.store;
