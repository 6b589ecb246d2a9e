package org.sanke.loadtest;

/** The three classrooms, as load: who publishes and how many receive; and the soak, a day of them. */
public enum Scenario {
    /** 专递课堂: one teacher, a few receiving classrooms, each sending its own camera back. */
    DEDICATED(6, true, "dedicated", "classroom"),
    /** 名师课堂: one master teacher, many observer teachers receiving only. */
    MASTER(200, false, "master_teacher", "observer"),
    /** 名校网络课堂: one teacher to a large receive-only audience. */
    BROADCAST(1000, false, "famous_school", "learner"),
    /**
     * A school day compressed: several dedicated lessons at once, two-way classrooms that come and go, lessons that
     * end and start again, for hours; the server's resources must stay flat ({@code org.sanke.loadtest.soak}). Its
     * classrooms are per lesson.
     */
    SOAK(6, true, "dedicated", "classroom");

    public final int defaultClassrooms;
    /** Whether the receiving classrooms publish too (two-way). */
    public final boolean classroomsPublish;
    /** The lesson mode the scenario creates on Sanke. */
    public final String lessonMode;
    /** The role its receivers join with on Sanke. */
    public final String receiverRole;

    Scenario(int defaultClassrooms, boolean classroomsPublish, String lessonMode, String receiverRole) {
        this.defaultClassrooms = defaultClassrooms;
        this.classroomsPublish = classroomsPublish;
        this.lessonMode = lessonMode;
        this.receiverRole = receiverRole;
    }
}
