/** Reports from the lesson (S14): a stream, a message or a person, with the reason and the context, for staff. */
package org.sanke.classroom.report;
