package org.sanke.loadtest.soak;

import java.util.EnumMap;
import java.util.Map;

/** The server's resources at one moment, in the units shown (MiB or count); NaN for what it does not export. */
public final class ResourceReading {
    private final Map<Resource, Double> values;

    ResourceReading(Map<Resource, Double> values) {
        this.values = values.isEmpty() ? new EnumMap<>(Resource.class) : new EnumMap<>(values);
    }

    /** NaN when the server did not export it (or did not answer). */
    public double get(Resource resource) {
        return values.getOrDefault(resource, Double.NaN);
    }
}
