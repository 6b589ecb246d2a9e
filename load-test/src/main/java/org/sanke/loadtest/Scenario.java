package org.sanke.loadtest;

/** The three classrooms, as load: who publishes and how many receive. */
public enum Scenario {
    /** 专递课堂: one teacher, a few receiving classrooms, each sending its own camera back. */
    DEDICATED(6, true),
    /** 名师课堂: one master teacher, many observer teachers receiving only. */
    MASTER(200, false),
    /** 名校网络课堂: one teacher to a large receive-only audience. */
    BROADCAST(1000, false);

    public final int defaultClassrooms;
    /** Whether the receiving classrooms publish too (two-way). */
    public final boolean classroomsPublish;

    Scenario(int defaultClassrooms, boolean classroomsPublish) {
        this.defaultClassrooms = defaultClassrooms;
        this.classroomsPublish = classroomsPublish;
    }
}
