/** The audit trail: what staff and the security machinery did, kept for the auditor. */
package org.sanke.classroom.audit;
