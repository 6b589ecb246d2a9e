package org.sanke.classroom.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.sanke.classroom.Person;

/**
 * Everything Sanke keeps about one person, as it is exported to them or their guardian (S39): with the lessons they
 * joined with a grant of their own (a classroom's attendance is the room's, not a pupil's).
 *
 * @param loginName   the account's login, or null when the person has none
 * @param accountMade when the account was made, or null
 * @param realName    the recorded verification, or null
 */
public record PersonData(Person person, String loginName, Instant accountMade, boolean secondFactor,
                         RealNameVerification realName, Set<String> guardianIds, Set<String> wardIds,
                         Set<StaffPermission> permissions, List<DataRequest> requests,
                         List<PersonAttendance.Attended> lessons) {
}
