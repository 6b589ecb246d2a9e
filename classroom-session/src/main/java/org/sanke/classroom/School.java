package org.sanke.classroom;

/** A school: a sending school in a city, or a receiving school or teaching point (教学点). */
public record School(String id, String name) {
    public School {
        Names.check("name", name, 100);
    }
}
