package org.sanke.classroom.access;

/** What a caller asks to do; {@link AccessRules} says who may, and where. */
public enum Action {
    READ_SCHOOLS("GET /api/schools"),
    ADD_SCHOOL("POST /api/schools, PUT, DELETE /api/schools/{id}"),
    READ_CLASSROOMS("GET /api/classrooms"),
    ADD_CLASSROOM("POST /api/classrooms, PUT, DELETE /api/classrooms/{id}"),
    ISSUE_DEVICE_TOKEN("POST /api/classrooms/{id}/device-token, POST /api/classrooms/{id}/pair"),
    READ_PEOPLE("GET /api/people"),
    ADD_PERSON("POST /api/people, PUT, DELETE /api/people/{id}, POST /api/people/{id}/account"),
    READ_TIMETABLE("GET /api/timetable, GET /api/classrooms/{id}/upcoming"),
    SCHEDULE("POST /api/timetable, PUT, DELETE /api/timetable/{id}"),
    CREATE_LESSON("POST /api/lessons"),
    READ_LESSONS("GET /api/lessons, GET /api/lessons/{id}"),
    READ_LESSON_ATTENDANCE("GET /api/lessons/{id}/attendance"),
    READ_SCHOOL_ATTENDANCE("GET /api/schools/{id}/attendance"),
    JOIN_AS_TEACHER("POST /api/lessons/{id}/grants role=teacher"),
    INVITE("POST /api/lessons/{id}/grants invitation=true (classroom, observer, learner links)"),
    JOIN_AS_OBSERVER("POST /api/lessons/{id}/grants role=observer"),
    JOIN_AS_LEARNER("POST /api/lessons/{id}/grants role=learner"),
    JOIN_AS_INSPECTOR("POST /api/lessons/{id}/grants role=inspector"),
    PATROL("GET /api/patrol, GET /api/patrol/{lesson}/picture"),
    REVOKE_GRANT("POST /api/lessons/{id}/grants/revoke"),
    VERIFY_REAL_NAME("PUT, DELETE /api/people/{id}/real-name"),
    PERMIT_MINORS_DATA("PUT, DELETE /api/people/{id}/permissions/minors-data"),
    READ_PERSON_DATA("GET /api/people/{id}/data (staff reading a minor's also need the minors-data permission)"),
    SET_AGE_BAND("PUT /api/people/{id}/age-band"),
    GUARDIAN_CONSENT("PUT /api/people/{id}/guardian-consent"),
    CORRECT_PERSON_DATA("PATCH /api/people/{id}"),
    REQUEST_DELETION("POST, GET /api/people/{id}/deletion-requests"),
    DECIDE_DATA_REQUEST("GET /api/data-requests, POST /api/data-requests/{id}/decision"),
    SANCTION("POST, GET /api/sanctions, DELETE /api/sanctions/{id}"),
    REVIEW_REPORTS("GET /api/reports, GET /api/reports/{id}/frame, POST /api/reports/{id}/decision"),
    REVIEW_REPLAYS("GET /api/replays/pending, POST /api/replays/{id}/decision"),
    WATCH_REPLAYS("GET /api/replays, GET /api/replays/{id}/video (the replay's audience decides; see docs/api.md)"),
    READ_AUDIT_TRAIL("GET /api/audit, GET /api/audit/export");

    /** The routes that ask for it, for the printed table. */
    public final String routes;

    Action(String routes) {
        this.routes = routes;
    }
}
